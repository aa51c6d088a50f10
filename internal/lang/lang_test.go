package lang_test

import (
	"testing"

	"github.com/jic-center/jic/internal/lang"
)

func TestGuess(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The United States announced new sanctions against Iran's oil sector on Monday.", "en"},
		{"Le scrutin législatif a été reporté, a annoncé l'armée irakienne dans un communiqué.", "fr"},
		{"Washington, İran'ın petrol sektörüne yönelik yaptırımları genişletti ve bu kararı açıkladı.", "tr"},
		{"Избиратели пришли на участки в субботу, сообщил Интерфакс.", "ru"},
		{"قال مسؤولون إن الأمطار الغزيرة أغرقت شوارع العاصمة العراقية.", "ar"},
		{"وزیران خارجه کشورهای منطقه در تهران دیدار کردند.", "fa"},
		{"وزيران خارجه كشورهاي منطقه در تهران ديدار كردند و اين را گفتند.", "fa"}, // Persian typed with Arabic yeh and kaf
		{"Die Regierung hat am Montag neue Sanktionen gegen den Iran beschlossen, die nicht mit der EU abgestimmt sind.", ""},
		{"El gobierno anunció el lunes nuevas sanciones contra Irán por su programa nuclear.", ""},
		{"Уряд України оголосив про нові санкції проти країни-агресора.", ""},
		{"12345 !!! ---", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := lang.Guess(tt.text); got != tt.want {
			t.Errorf("Guess(%.40q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
