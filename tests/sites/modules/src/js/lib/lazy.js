export default () => "loaded";
