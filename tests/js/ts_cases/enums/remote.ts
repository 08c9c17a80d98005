export enum Remote { A = 5, B }
export const enum Flags { None = 0, One = 1, Two = 2, All = One | Two }
