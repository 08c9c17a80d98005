export let counter=0;export function increment(){counter+=1;}
export default function area(shape){switch(shape.kind){case"square":return shape.side**2;default:return NaN;}}