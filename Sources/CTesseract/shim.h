#ifndef MAILROOM_CTESSERACT_SHIM_H
#define MAILROOM_CTESSERACT_SHIM_H
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>
#endif
