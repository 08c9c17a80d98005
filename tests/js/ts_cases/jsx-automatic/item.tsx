export function Item(props: { n: number; children?: unknown }) { return <li>{props.n}</li>; }
Item.tag = "Item";
