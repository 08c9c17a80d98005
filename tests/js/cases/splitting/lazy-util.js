export const util = () => "util";
