console.log("only ran (never)"); export interface Only { a: 1 }
