export const d: string = "d.tsx";
