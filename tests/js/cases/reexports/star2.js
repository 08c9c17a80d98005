export const ambiguous = "from star2";
