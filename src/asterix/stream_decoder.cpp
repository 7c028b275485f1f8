#include "asterix/stream_decoder.h"

// StreamDecoder is a template over its callbacks and record_data_source is inline: everything
// lives in the header; this file checks that the header compiles on its own.
