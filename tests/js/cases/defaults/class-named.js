export default class Named { hi() { return "class named"; } }
