"""One module per command: parse the options, call the library, render. `..app`
registers them."""
