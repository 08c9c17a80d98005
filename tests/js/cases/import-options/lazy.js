export const lazyValue = "lazy";
