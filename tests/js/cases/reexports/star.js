export const fromStar = "star";
export const ambiguous = "from star";
export default "star default";
