export const shared = () => "shared";
