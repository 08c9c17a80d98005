export const h = "h.ts via baseUrl";
