export default "loaded lazily";
