package ant

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	s := `<DOC>
<DOCNO>AL-middleEast-1-20180508</DOCNO>
<SRC>Alarabiya</SRC>
<TIME>Tue, 08 May 2018 18:02:00 +0000</TIME>
<TITLE> ترامب ينسحب </TITLE>
<ABSTRACT>ملخص</ABSTRACT>
<TEXT>
نص الخبر
</TEXT>
</DOC>
<DOC>
<DOCNO>x</DOCNO>
<TEXT>unclosed
</DOC>`
	docs := Parse(s)
	if len(docs) != 2 {
		t.Fatalf("Parse: %d records, want 2", len(docs))
	}
	d := docs[0]
	if d.ID != "AL-middleEast-1-20180508" || d.Title != "ترامب ينسحب" || d.Abstract != "ملخص" || d.Text != "نص الخبر" || d.Outlet != "alarabiya" ||
		!d.Published.Equal(time.Date(2018, 5, 8, 18, 2, 0, 0, time.UTC)) {
		t.Errorf("first record = %+v", d)
	}
	if docs[1].Text != "" || !docs[1].Published.IsZero() {
		t.Errorf("a record with an unclosed TEXT and no TIME = %+v", docs[1])
	}
}
