//go:build cld2

// A C entry point to CLD2's C++ API for cgo.
#include <cstddef>
#include <cstdio>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

namespace CLD2 {
const char* LanguageCode(Language lang);
}

extern "C" const char* jic_cld2_detect(const char* buf, int len, int best_effort, int* reliable) {
	CLD2::CLDHints hints = {NULL, NULL, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
	CLD2::Language lang3[3];
	int percent3[3];
	double score3[3];
	int text_bytes = 0, valid = 0;
	bool rel = false;
	int flags = best_effort ? CLD2::kCLDFlagBestEffort : 0;
	CLD2::Language l = CLD2::ExtDetectLanguageSummaryCheckUTF8(buf, len, true, &hints, flags,
		lang3, percent3, score3, NULL, &text_bytes, &rel, &valid);
	*reliable = rel ? 1 : 0;
	return CLD2::LanguageCode(l);
}

extern "C" const char* jic_cld2_version() {
	return CLD2::DetectLanguageVersion();
}
