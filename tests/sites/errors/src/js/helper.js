export const helper = (x) => x;
