package main

import "strings"

// This file is hand-made, like handmade.go: common words of Persian and
// Turkish, the two languages of jic that no corpus jic may ship data from
// covers (the Persian and Turkish running text under ../shared/data is
// marked "tests only" or is share-alike). They stand in for the word
// statistics the other languages get from corpora: the function words,
// frequent verb forms and the nouns and adjectives news uses most, written
// for jic from knowledge of the languages, not taken from any corpus.
// Words that are also the names of notable places (Persian قطر, شام, انبار;
// Turkish Ordu, Tokat, Ağrı, Kent) and words that are given names or
// surnames in other languages (Turkish kim, ben, göre) are left out on
// purpose. Persian compounds written with a zero-width non-joiner
// (می‌شود) are written joined: keys drop the ZWNJ.

// persianCommonWords are frequent Persian words: the matcher takes them
// for words, not places, and strips no Arabic prefix off them.
var persianCommonWords = strings.Fields(`
از به با در که این آن را تا بر برای یا هم نیز اما ولی اگر چون چه هر همه هیچ دیگر دیگری دیگران
بین میان پس پیش روی زیر سوی طی توسط بدون درباره همچنین همین همان چنین چنان حتی فقط تنها بسیار
خیلی بیش بیشتر کمتر اینکه آنکه چرا کجا چگونه چطور وقتی زمانی هنگام هنگامی نزد جز مگر بلکه زیرا
لذا بنابراین البته سپس هنوز هرگز همواره همیشه اکنون حالا امروز دیروز فردا امسال اخیر اخیرا ضمن
علیه مقابل پیرامون نسبت طبق براساس درحالی چنانچه هرچند گرچه اگرچه همچون مانند مثل
من تو او ما شما آنها آنان ایشان وی خود خودش خودشان اینها کسی چیزی کسانی
است هست نیست بود نبود باشد باشند بودند بوده شد شده شدند شود شوند نشد نشده میشود میشوند نمیشود
کرد کرده کردند کند کنند کنیم کنید میکند میکنند نمیکند کردهاند شدهاند بودهاند کردهایم
گفت گفته گفتند میگوید میگویند افزود دارد دارند داشت داشته داشتند ندارد خواهد خواهند خواهیم
باید نباید میتواند میتوانند نمیتواند توانست دهد دهند میدهد میدهند داده دادند گرفت گرفته گرفتند
میگیرد رسید رسیده میرسد آمد آمده آمدند رفت رفته هستند هستیم گردید گردیده یافت یافته ساخته
دانست خواست خواسته میخواهد میخواهند میباشد بودن شدن کردن دادن گرفتن
می نمی ها های تر ترین هایی
اعلام اظهار تاکید اشاره بیان ادامه آغاز پایان شروع حضور عضو اعضای تصویب اجرای اجرا تشکیل ارائه
دریافت انتشار منتشر برگزار برگزاری انجام گفتگو مذاکره مذاکرات دیدار سفر نشست جلسه
سال سالها سالهای سالگی روز روزها روزهای ماه ماهه هفته ساعت دقیقه زمان دوره مدت تاریخ قرن
کشور کشورها کشورهای شهر شهرها شهرهای استان استانها شهرستان روستا روستاهای منطقه مناطق جهان
دنیا بینالمللی جهانی ملی محلی داخلی خارجی
دولت دولتی مجلس وزیر وزارت وزیران رئیس ریاست رئیسجمهور جمهوری اسلامی انقلاب انقلابی رهبر رهبری
مقام مقامات مسئول مسئولان مسئولین نماینده نمایندگان سخنگو دبیر دبیرکل معاون مدیر مدیرعامل
فرمانده فرماندهی سردار سپاه ارتش نیرو نیروی نیروها نیروهای نظامی امنیتی امنیت انتظامی پلیس قوه
قضاییه دادگاه قاضی حکم قانون قوانین لایحه طرح مصوبه
مردم مردمی جامعه اجتماعی فرهنگ فرهنگی سیاست سیاسی اقتصاد اقتصادی بانک بانکها بازار قیمت
قیمتها نرخ تومان ریال دلار میلیون میلیارد هزار درصد تولید صادرات واردات نفت گاز انرژی صنعت
صنعتی تجارت تجاری بودجه سرمایه سرمایهگذاری توسعه پروژه
جنگ صلح حمله حملات درگیری درگیریها تروریست تروریستی گروه گروهها گروههای سازمان نهاد حزب جبهه
مقاومت اشغالگر رژیم صهیونیستی تحریم تحریمها توافق هستهای
انتخابات انتخاباتی نامزد رای آرا
خبرگزاری خبر اخبار گزارش گزارشها رسانه رسانهها روزنامه خبرنگار خبرنگاران مصاحبه بیانیه پیام نامه
متن
دانشگاه دانشجو دانشجویان مدرسه مدارس آموزش آموزشی پرورش علمی علم پژوهش تحقیقات بهداشت درمان
بیمارستان پزشک بیماری بیماران سلامت ورزش ورزشی تیم تیمها بازی بازیها مسابقه مسابقات فوتبال لیگ
جام قهرمانی بازیکن بازیکنان مربی باشگاه
کار کارها کارگر کارگران شرکت شرکتها اداره موسسه مرکز ستاد هیئت هیات کمیسیون کمیته شورا شورای
انجمن اتحادیه
مورد موارد موضوع مسئله مسائل امر امور بخش بخشهای حوزه زمینه شرایط وضعیت وضع میزان تعداد افزایش
کاهش رشد تغییر تغییرات برنامه برنامهها هدف اهداف نتیجه نتایج علت دلیل روش نوع شکل نظر نظرات
دیدگاه سوال پاسخ درخواست تصمیم اقدام اقدامات فعالیت فعالیتها عملیات عمل نقش سهم حق حقوق آزادی
عدالت
خانه خانواده کودک کودکان زن زنان مرد مردان جوان جوانان نفر افراد فرد انسان انسانی
آب خاک هوا زمین دریا کوه جنگل رود راه جاده خیابان میدان ساختمان محل مکان
بزرگ کوچک جدید تازه قدیمی خوب مهم اصلی عمومی خاص کامل بالا پایین اول دوم سوم نخست آخر پایانی
بعد قبل بعدی قبلی یکی دو سه چهار پنج شش هفت هشت نه ده صد چند برخی بعضی بسیاری تمام تمامی کل
کلیه گونه هرگونه طور بطور`)

// turkishCommonWords are frequent Turkish words, written in Turkish
// spelling (keys fold ç, ğ, ı, ö, ş, ü).
var turkishCommonWords = strings.Fields(`
ve ile de da bu bir için gibi kadar daha çok en ama fakat ancak veya ya ki ise ne mi
olarak olan oldu olduğu olduğunu olmak olması olacak olur olmayan değil yok her tüm bütün bazı
birçok çeşitli diğer başka aynı kendi kendisi şey şeyi
karşı sonra önce üzerine üzerinde arasında içinde dışında tarafından nedeniyle dolayı rağmen
itibaren beri yönelik ilişkin hakkında ait konusunda sırasında boyunca yaklaşık sadece yalnızca
bile hem hep hiç çünkü eğer yani artık henüz şimdi bugün dün yarın geçen gelecek
yeni eski büyük küçük ilk son iki üç dört beş altı yedi sekiz dokuz yirmi otuz kırk elli yüz bin
milyon milyar
etti eden edilen edildi edecek ediyor ederek etmek yaptı yapılan yapıldı yapacak yapıyor yapmak
dedi söyledi açıkladı belirtti bildirdi kaydetti ifade vurguladı aldı verdi geldi gitti başladı
devam bulunan bulundu bulunuyor yer yerde yeri gerçekleşti düzenlenen düzenlendi
yıl yılı yılında gün günü ay ayı hafta saat dakika zaman dönem süre tarih tarihinde
ülke ülkenin ülkede ülkeler şehir il ilçe köy mahalle bölge bölgede bölgesi merkez merkezi sınır
dünya uluslararası ulusal yerel iç dış
devlet hükümet hükümeti bakan bakanı bakanlığı başkan başkanı cumhurbaşkanı meclis milletvekili
parti partisi seçim seçimleri oy yasa kanun karar mahkeme savcı polis asker askeri ordusu güvenlik
terör saldırı savaş barış anlaşma görüşme toplantı ziyaret açıklama haber gazete televizyon basın
halk halkı insan insanlar kişi kişiler vatandaş kadın erkek çocuk çocuklar aile genç gençler
ekonomi ekonomik para fiyat fiyatı yüzde piyasa banka şirket şirketi sektör üretim ihracat ithalat
enerji doğalgaz
okul üniversite öğrenci öğrenciler eğitim sağlık hastane doktor tedavi spor takım maç lig kupa
oyuncu kulüp futbol
su deniz göl nehir dağ tepe orman yol köprü ev bina kapı cadde sokak
sorun konu durum süreç proje program plan hedef sonuç neden amaç destek yardım hizmet çalışma iş
işçi
önemli güçlü yüksek düşük iyi kötü uzun kısa genel özel resmi siyasi sosyal kültürel`)
