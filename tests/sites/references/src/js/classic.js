window.classic = function () {
  return 1 + 1;
};
