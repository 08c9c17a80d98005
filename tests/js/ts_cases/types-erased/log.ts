export interface Logger { log(m: string): void }
export function log(m: string): void { console.log(m); }
