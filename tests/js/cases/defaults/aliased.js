let live = "before";
function bump() { live = "after"; }
export { live as default, live, bump };
