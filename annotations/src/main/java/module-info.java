/** The callback annotations. */
module io.wsnova.annotations {
  exports io.wsnova.annotations;
}
