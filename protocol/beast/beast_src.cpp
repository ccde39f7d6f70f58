// The one translation unit that compiles Boost.Beast and Boost.Asio (separate
// compilation): every other file includes only their declarations, which keeps each
// Beast-using file at a few seconds instead of twenty.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
