export enum Kind { Square = "square", Circle = "circle" }
export type Shape = { kind: Kind.Square; size: number } | { kind: Kind.Circle; r: number };
export function area(s: Shape): number { return s.kind === Kind.Square ? s.size ** 2 : Math.round(Math.PI * s.r ** 2); }
