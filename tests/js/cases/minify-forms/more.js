const one = 1
export const shared = one + 1
