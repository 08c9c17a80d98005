export default class { hi() { return "class anon"; } }
