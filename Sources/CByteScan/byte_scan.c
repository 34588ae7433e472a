// The functions of CByteScan.h are inline; this unit only makes the header a target.
#include "CByteScan.h"
