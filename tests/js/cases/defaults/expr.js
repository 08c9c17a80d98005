const x = 40;
export default x + 2
