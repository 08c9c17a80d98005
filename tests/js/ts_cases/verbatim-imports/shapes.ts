console.log("shapes ran"); export type Shape = { w: number; h: number }; export const area = (s: Shape) => s.w * s.h;
