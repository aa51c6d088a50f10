package main

import "strings"

// This file is hand-made: demonyms and adjectives in the six languages for
// the countries that matter most in news (the ~60 most populous, the Middle
// East and North Africa, the Caucasus and Central Asia, and Europe's larger
// countries), abbreviations, extra names news uses, and the continents.
// world-countries gives English and French demonyms for every country; this
// table adds Russian, Arabic, Persian and Turkish and the English and French
// forms world-countries lacks. Several forms are separated by "|". Arabic
// forms ending in the nisba ي get their feminine and plural forms and the
// article generated, Persian forms ending in ی their plurals, French and
// English forms their plurals, Russian and Turkish forms are matched by their
// analyzer stem. Forms that are also frequent common words are left out on
// purpose: Arabic مالي ("financial") for Mali, Persian ترک ("leaving") for
// Turkey, English Pole, Dane, Finn.
type demonymSet struct {
	en, fr, ru, ar, fa, tr string
}

var demonymTable = map[string]demonymSet{
	"AE": {"Emirati", "émirien|émirati", "эмиратский", "إماراتي", "اماراتی", "Emirlikli"},
	"AF": {"Afghan", "afghan", "афганский|афганцы", "أفغاني|الأفغان", "افغان|افغانستانی", "Afgan|Afganistanlı"},
	"AL": {"Albanian", "albanais", "албанский|албанцы", "ألباني", "آلبانیایی", "Arnavut"},
	"AM": {"Armenian", "arménien", "армянский|армяне", "أرمني|الأرمن", "ارمنی|ارمنستانی", "Ermeni"},
	"AO": {"Angolan", "angolais", "ангольский", "أنغولي", "آنگولایی", "Angolalı"},
	"AR": {"Argentine|Argentinian", "argentin", "аргентинский|аргентинцы", "أرجنتيني", "آرژانتینی", "Arjantinli"},
	"AT": {"Austrian", "autrichien", "австрийский|австрийцы", "نمساوي", "اتریشی", "Avusturyalı"},
	"AU": {"Australian", "australien", "австралийский|австралийцы", "أسترالي", "استرالیایی", "Avustralyalı"},
	"AZ": {"Azerbaijani|Azeri", "azerbaïdjanais|azéri", "азербайджанский|азербайджанцы", "أذربيجاني|أذري", "آذربایجانی", "Azerbaycanlı|Azeri"},
	"BA": {"Bosnian", "bosnien|bosniaque", "боснийский", "بوسني", "بوسنیایی", "Boşnak"},
	"BD": {"Bangladeshi", "bangladais", "бангладешский", "بنغلاديشي", "بنگلادشی", "Bangladeşli"},
	"BE": {"Belgian", "belge", "бельгийский|бельгийцы", "بلجيكي", "بلژیکی", "Belçikalı"},
	"BF": {"Burkinabe", "burkinabé", "буркинийский", "بوركيني", "بورکینایی", "Burkinalı"},
	"BG": {"Bulgarian", "bulgare", "болгарский|болгары", "بلغاري", "بلغاری", "Bulgar"},
	"BH": {"Bahraini", "bahreïnien", "бахрейнский", "بحريني", "بحرینی", "Bahreynli"},
	"BO": {"Bolivian", "bolivien", "боливийский", "بوليفي", "بولیویایی", "Bolivyalı"},
	"BR": {"Brazilian", "brésilien", "бразильский|бразильцы", "برازيلي", "برزیلی", "Brezilyalı"},
	"BY": {"Belarusian", "biélorusse", "белорусский|белорусы", "بيلاروسي", "بلاروسی", "Belaruslu"},
	"CA": {"Canadian", "canadien", "канадский|канадцы", "كندي", "کانادایی", "Kanadalı"},
	"CD": {"Congolese", "congolais", "конголезский", "كونغولي", "کنگویی", "Kongolu"},
	"CH": {"Swiss", "suisse", "швейцарский|швейцарцы", "سويسري", "سوئیسی", "İsviçreli"},
	"CI": {"Ivorian", "ivoirien", "ивуарийский", "إيفواري", "ساحل عاجی", "Fildişili"},
	"CL": {"Chilean", "chilien", "чилийский", "تشيلي", "شیلیایی", "Şilili"},
	"CM": {"Cameroonian", "camerounais", "камерунский", "كاميروني", "کامرونی", "Kamerunlu"},
	"CN": {"Chinese", "chinois", "китайский|китайцы", "صيني", "چینی", "Çinli"},
	"CO": {"Colombian", "colombien", "колумбийский|колумбийцы", "كولومبي", "کلمبیایی", "Kolombiyalı"},
	"CU": {"Cuban", "cubain", "кубинский|кубинцы", "كوبي", "کوبایی", "Kübalı"},
	"CY": {"Cypriot", "chypriote", "кипрский|киприоты", "قبرصي", "قبرسی", "Kıbrıslı"},
	"CZ": {"Czech", "tchèque", "чешский|чехи", "تشيكي", "چکی", "Çek"},
	"DE": {"German", "allemand", "германский|немецкий|немцы", "ألماني|الألمان", "آلمانی", "Alman"},
	"DJ": {"Djiboutian", "djiboutien", "джибутийский", "جيبوتي", "جیبوتیایی", "Cibutili"},
	"DK": {"Danish", "danois", "датский|датчане", "دنماركي", "دانمارکی", "Danimarkalı"},
	"DZ": {"Algerian", "algérien", "алжирский|алжирцы", "جزائري", "الجزایری", "Cezayirli"},
	"EC": {"Ecuadorian", "équatorien", "эквадорский", "إكوادوري", "اکوادوری", "Ekvadorlu"},
	"EG": {"Egyptian", "égyptien", "египетский|египтяне", "مصري", "مصری", "Mısırlı"},
	"ER": {"Eritrean", "érythréen", "эритрейский", "إريتري", "اریترهای", "Eritreli"},
	"ES": {"Spanish|Spaniard", "espagnol", "испанский|испанцы", "إسباني", "اسپانیایی", "İspanyol"},
	"ET": {"Ethiopian", "éthiopien", "эфиопский|эфиопы", "إثيوبي", "اتیوپیایی", "Etiyopyalı"},
	"FI": {"Finnish", "finlandais", "финский|финляндский|финны", "فنلندي", "فنلاندی", "Finlandiyalı"},
	"FR": {"French", "français", "французский|французы", "فرنسي", "فرانسوی", "Fransız"},
	"GB": {"British|Briton|Brit", "britannique", "британский|британцы", "بريطاني", "بریتانیایی|انگلیسی", "İngiliz"},
	"GE": {"Georgian", "géorgien", "грузинский|грузины", "جورجي", "گرجی|گرجستانی", "Gürcü|Gürcistanlı"},
	"GH": {"Ghanaian", "ghanéen", "ганский", "غاني", "غنایی", "Ganalı"},
	"GN": {"Guinean", "guinéen", "гвинейский", "غيني", "گینهای", "Gineli"},
	"GR": {"Greek", "grec|grecque", "греческий|греки", "يوناني", "یونانی", "Yunan"},
	"GT": {"Guatemalan", "guatémaltèque", "гватемальский", "غواتيمالي", "گواتمالایی", "Guatemalalı"},
	"HR": {"Croatian|Croat", "croate", "хорватский|хорваты", "كرواتي", "کرواسی", "Hırvat"},
	"HT": {"Haitian", "haïtien", "гаитянский", "هايتي", "هائیتیایی", "Haitili"},
	"HU": {"Hungarian", "hongrois", "венгерский|венгры", "مجري", "مجارستانی|مجار", "Macar"},
	"ID": {"Indonesian", "indonésien", "индонезийский|индонезийцы", "إندونيسي", "اندونزیایی", "Endonezyalı"},
	"IE": {"Irish", "irlandais", "ирландский|ирландцы", "أيرلندي", "ایرلندی", "İrlandalı"},
	"IL": {"Israeli", "israélien", "израильский|израильтяне", "إسرائيلي", "اسرائیلی", "İsrailli"},
	"IN": {"Indian", "indien", "индийский|индийцы", "هندي", "هندی", "Hintli"},
	"IQ": {"Iraqi", "irakien", "иракский|иракцы", "عراقي", "عراقی", "Iraklı"},
	"IR": {"Iranian", "iranien", "иранский|иранцы", "إيراني", "ایرانی", "İranlı"},
	"IT": {"Italian", "italien", "итальянский|итальянцы", "إيطالي", "ایتالیایی", "İtalyan"},
	"JO": {"Jordanian", "jordanien", "иорданский", "أردني", "اردنی", "Ürdünlü"},
	"JP": {"Japanese", "japonais", "японский|японцы", "ياباني", "ژاپنی", "Japon"},
	"KE": {"Kenyan", "kényan", "кенийский", "كيني", "کنیایی", "Kenyalı"},
	"KG": {"Kyrgyz|Kyrgyzstani", "kirghiz|kirghize", "киргизский|кыргызский|киргизы", "قرغيزي", "قرقیز|قرقیزستانی", "Kırgız"},
	"KH": {"Cambodian", "cambodgien", "камбоджийский", "كمبودي", "کامبوجی", "Kamboçyalı"},
	"KP": {"North Korean", "nord-coréen", "северокорейский", "كوري شمالي", "کره شمالی", "Kuzey Koreli"},
	"KR": {"South Korean", "sud-coréen", "южнокорейский", "كوري جنوبي", "کره جنوبی", "Güney Koreli"},
	"KW": {"Kuwaiti", "koweïtien", "кувейтский", "كويتي", "کویتی", "Kuveytli"},
	"KZ": {"Kazakh|Kazakhstani", "kazakh|kazakhstanais", "казахский|казахстанский|казахи", "كازاخستاني|كازاخي", "قزاق|قزاقستانی", "Kazak|Kazakistanlı"},
	"LB": {"Lebanese", "libanais", "ливанский|ливанцы", "لبناني", "لبنانی", "Lübnanlı"},
	"LK": {"Sri Lankan", "sri-lankais", "шри-ланкийский", "سريلانكي", "سریلانکایی", "Sri Lankalı"},
	"LY": {"Libyan", "libyen", "ливийский|ливийцы", "ليبي", "لیبیایی", "Libyalı"},
	"MA": {"Moroccan", "marocain", "марокканский|марокканцы", "مغربي", "مراکشی", "Faslı"},
	"MD": {"Moldovan", "moldave", "молдавский|молдаване", "مولدوفي", "مولداویایی", "Moldovalı"},
	"MG": {"Malagasy", "malgache", "мадагаскарский", "مدغشقري", "ماداگاسکاری", "Madagaskarlı"},
	"ML": {"Malian", "malien", "малийский", "", "", "Malili"},
	"MM": {"Burmese", "birman", "мьянманский|бирманский", "ميانماري", "میانماری", "Myanmarlı"},
	"MN": {"Mongolian", "mongol", "монгольский", "منغولي", "مغولستانی", "Moğol"},
	"MR": {"Mauritanian", "mauritanien", "мавританский", "موريتاني", "موریتانیایی", "Moritanyalı"},
	"MW": {"Malawian", "malawite", "малавийский", "ملاوي", "مالاویایی", "Malavili"},
	"MX": {"Mexican", "mexicain", "мексиканский|мексиканцы", "مكسيكي", "مکزیکی", "Meksikalı"},
	"MY": {"Malaysian", "malaisien", "малайзийский", "ماليزي", "مالزیایی", "Malezyalı"},
	"MZ": {"Mozambican", "mozambicain", "мозамбикский", "موزمبيقي", "موزامبیکی", "Mozambikli"},
	"NE": {"Nigerien", "nigérien", "нигерский", "نيجري", "", "Nijerli"},
	"NG": {"Nigerian", "nigérian", "нигерийский|нигерийцы", "نيجيري", "نیجریهای", "Nijeryalı"},
	"NL": {"Dutch", "néerlandais|hollandais", "нидерландский|голландский|голландцы", "هولندي", "هلندی", "Hollandalı"},
	"NO": {"Norwegian", "norvégien", "норвежский|норвежцы", "نرويجي", "نروژی", "Norveçli"},
	"NP": {"Nepali|Nepalese", "népalais", "непальский", "نيبالي", "نپالی", "Nepalli"},
	"NZ": {"New Zealander", "néo-zélandais", "новозеландский", "نيوزيلندي", "نیوزیلندی", "Yeni Zelandalı"},
	"OM": {"Omani", "omanais", "оманский", "عماني", "عمانی", "Ummanlı"},
	"PE": {"Peruvian", "péruvien", "перуанский", "بيروفي", "پرویی", "Perulu"},
	"PH": {"Filipino|Philippine", "philippin", "филиппинский|филиппинцы", "فلبيني", "فیلیپینی", "Filipinli"},
	"PK": {"Pakistani", "pakistanais", "пакистанский|пакистанцы", "باكستاني", "پاکستانی", "Pakistanlı"},
	"PL": {"Polish", "polonais", "польский|поляки", "بولندي", "لهستانی", "Polonyalı"},
	"PS": {"Palestinian", "palestinien", "палестинский|палестинцы", "فلسطيني", "فلسطینی", "Filistinli"},
	"PT": {"Portuguese", "portugais", "португальский|португальцы", "برتغالي", "پرتغالی", "Portekizli"},
	"QA": {"Qatari", "qatarien|qatari", "катарский", "قطري", "قطری", "Katarlı"},
	"RO": {"Romanian", "roumain", "румынский|румыны", "روماني", "رومانیایی", "Romen"},
	"RS": {"Serbian|Serb", "serbe", "сербский|сербы", "صربي", "صرب|صربستانی", "Sırp"},
	"RU": {"Russian", "russe", "российский|русский|россияне|русские", "روسي|الروس", "روسی|روس", "Rus"},
	"RW": {"Rwandan", "rwandais", "руандийский", "رواندي", "رواندایی", "Ruandalı"},
	"SA": {"Saudi|Saudi Arabian", "saoudien", "саудовский|саудовцы", "سعودي", "سعودی", "Suudi"},
	"SD": {"Sudanese", "soudanais", "суданский", "سوداني", "سودانی", "Sudanlı"},
	"SE": {"Swedish|Swede", "suédois", "шведский|шведы", "سويدي", "سوئدی", "İsveçli"},
	"SG": {"Singaporean", "singapourien", "сингапурский", "سنغافوري", "سنگاپوری", "Singapurlu"},
	"SN": {"Senegalese", "sénégalais", "сенегальский", "سنغالي", "سنگالی", "Senegalli"},
	"SO": {"Somali", "somalien", "сомалийский|сомалийцы", "صومالي", "سومالیایی", "Somalili"},
	"SS": {"South Sudanese", "sud-soudanais", "южносуданский", "جنوب سوداني", "", "Güney Sudanlı"},
	"SY": {"Syrian", "syrien", "сирийский|сирийцы", "سوري", "سوری", "Suriyeli"},
	"TD": {"Chadian", "tchadien", "чадский", "تشادي", "چادی", "Çadlı"},
	"TH": {"Thai", "thaïlandais", "таиландский|тайский", "تايلاندي", "تایلندی", "Taylandlı"},
	"TJ": {"Tajik|Tajikistani", "tadjik", "таджикский|таджики", "طاجيكي", "تاجیک|تاجیکستانی", "Tacik"},
	"TM": {"Turkmen", "turkmène", "туркменский|туркмены", "تركماني", "ترکمن|ترکمنستانی", "Türkmen"},
	"TN": {"Tunisian", "tunisien", "тунисский", "تونسي", "تونسی", "Tunuslu"},
	"TR": {"Turkish|Turk", "turc|turque", "турецкий|турки", "تركي|أتراك|الأتراك", "ترکیهای", "Türk"},
	"TW": {"Taiwanese", "taïwanais", "тайваньский", "تايواني", "تایوانی", "Tayvanlı"},
	"TZ": {"Tanzanian", "tanzanien", "танзанийский", "تنزاني", "تانزانیایی", "Tanzanyalı"},
	"UA": {"Ukrainian", "ukrainien", "украинский|украинцы", "أوكراني", "اوکراینی", "Ukraynalı"},
	"UG": {"Ugandan", "ougandais", "угандийский", "أوغندي", "اوگاندایی", "Ugandalı"},
	"US": {"American", "américain", "американский|американцы", "أمريكي|أميركي|الأمريكان|الأميركان", "آمریکایی|امریکایی", "Amerikalı"},
	"UZ": {"Uzbek|Uzbekistani", "ouzbek", "узбекский|узбеки|узбекистанский", "أوزبكي", "ازبک|ازبکستانی", "Özbek"},
	"VE": {"Venezuelan", "vénézuélien", "венесуэльский", "فنزويلي", "ونزوئلایی", "Venezuelalı"},
	"VN": {"Vietnamese", "vietnamien", "вьетнамский|вьетнамцы", "فيتنامي", "ویتنامی", "Vietnamlı"},
	"XK": {"Kosovar", "kosovar", "косовский", "كوسوفي", "کوزوویی", "Kosovalı"},
	"YE": {"Yemeni", "yéménite", "йеменский", "يمني", "یمنی", "Yemenli"},
	"ZA": {"South African", "sud-africain", "южноафриканский", "جنوب أفريقي", "", "Güney Afrikalı"},
	"ZM": {"Zambian", "zambien", "замбийский", "زامبي", "زامبیایی", "Zambiyalı"},
	"ZW": {"Zimbabwean", "zimbabwéen", "зимбабвийский", "زيمبابوي", "زیمبابوهای", "Zimbabveli"},
}

// extraCountryNames are names news uses that the country lists lack or give
// only as official names; acronyms match only when written in capitals.
var extraCountryNames = map[string]struct{ names, acronyms string }{
	"US": {"America|United States|Amérique|Америка|Соединённые Штаты|أمريكا|أميركا|الولايات المتحدة|آمریکا|امریکا|ایالات متحده|Amerika|Amerika Birleşik Devletleri", "US|USA|U.S.|U.S.A.|США|ABD"},
	"GB": {"Britain|Great Britain|Grande-Bretagne|Великобритания|Британия|Англия|بريطانيا|انگلیس|بریتانیا|İngiltere|Birleşik Krallık", "UK|U.K."},
	"AE": {"Emirates|Эмираты|الإمارات|امارات", "UAE|U.A.E.|ОАЭ|BAE|EAU"},
	"CD": {"Congo-Kinshasa|RD Congo|ДР Конго|الكونغو الديمقراطية", "DRC|RDC"},
	"CG": {"Congo-Brazzaville", ""},
	"SA": {"Saudi Arabia|Arabie saoudite|السعودية|عربستان|Suudi Arabistan", "KSA"},
	"CN": {"", "PRC|КНР"},
	"KP": {"", "DPRK|КНДР"},
	"KR": {"", "ROK"},
	"RU": {"Russian Federation|Россия|Российская Федерация|روسيا|روسیه|Rusya", "РФ"},
	"DE": {"", "ФРГ"},
	"ZA": {"", "ЮАР"},
	"NL": {"Holland|Hollande|Голландия|هلند|Hollanda", ""},
	"MM": {"Burma|Birmanie|Бирма", ""},
	"CI": {"Ivory Coast|Côte d'Ivoire|Кот-д’Ивуар", ""},
	"CZ": {"Czech Republic|République tchèque|Чехия|Çek Cumhuriyeti", ""},
	"TR": {"Türkiye|Turquie|Турция|تركيا|ترکیه", ""},
	"IR": {"Persia|Islamic Republic of Iran|جمهورية إيران الإسلامية|جمهوری اسلامی ایران|İran", ""},
	"SY": {"Syrie|Сирия|سوريا|سورية|سوریه|Suriye", ""},
	"PS": {"Palestinian territories|Palestinian Territories|Territoires palestiniens|Палестина|فلسطين|فلسطین|Filistin", ""},
	"VA": {"Vatican|Holy See", ""},
	"MK": {"Macedonia|Macédoine|Македония|مقدونيا", ""},
	"SZ": {"Swaziland", ""},
	"TL": {"East Timor", ""},
	"CV": {"Cape Verde", ""},
}

// continents are the continents and the Middle East, with the GeoNames ids
// and coordinates of the continents and names and adjectives in the six
// languages (en, fr, ru, ar, fa, tr order in each field).
var continents = []struct {
	id              uint32
	code            string
	lat, lon        float64
	names, demonyms demonymSet
}{
	{6255146, "AF", 7.1881, 21.0938,
		demonymSet{"Africa", "Afrique", "Африка", "أفريقيا|إفريقيا|افريقيا", "آفریقا|افریقا", "Afrika"},
		demonymSet{"African", "africain", "африканский", "أفريقي|إفريقي", "آفریقایی", "Afrikalı"}},
	{6255147, "AS", 29.8405, 89.2969,
		demonymSet{"Asia", "Asie", "Азия", "آسيا", "آسیا", "Asya"},
		demonymSet{"Asian", "asiatique", "азиатский", "آسيوي", "آسیایی", "Asyalı"}},
	{6255148, "EU", 48.6909, 9.1406,
		demonymSet{"Europe", "Europe", "Европа", "أوروبا|أوربا", "اروپا", "Avrupa"},
		demonymSet{"European", "européen", "европейский", "أوروبي", "اروپایی", "Avrupalı"}},
	{6255149, "NA", 46.0732, -100.5469,
		demonymSet{"North America", "Amérique du Nord", "Северная Америка", "أمريكا الشمالية|أميركا الشمالية", "آمریکای شمالی", "Kuzey Amerika"},
		demonymSet{"North American", "nord-américain", "североамериканский", "", "", ""}},
	{6255150, "SA", -14.6048, -57.6563,
		demonymSet{"South America", "Amérique du Sud", "Южная Америка", "أمريكا الجنوبية|أميركا الجنوبية", "آمریکای جنوبی", "Güney Amerika"},
		demonymSet{"South American", "sud-américain", "южноамериканский", "", "", ""}},
	{6255151, "OC", -18.3128, 138.5156,
		demonymSet{"Oceania", "Océanie", "Океания", "أوقيانوسيا", "اقیانوسیه", "Okyanusya"},
		demonymSet{"", "", "", "", "", ""}},
	{6255152, "AN", -78.1586, 16.4063,
		demonymSet{"Antarctica", "Antarctique", "Антарктида|Антарктика", "القارة القطبية الجنوبية|أنتاركتيكا", "جنوبگان", "Antarktika"},
		demonymSet{"", "", "", "", "", ""}},
	{0, "ME", 29.0, 42.0,
		demonymSet{"Middle East", "Moyen-Orient|Proche-Orient", "Ближний Восток", "الشرق الأوسط", "خاورمیانه", "Orta Doğu|Ortadoğu"},
		demonymSet{"Middle Eastern", "", "ближневосточный", "", "", "Orta Doğulu"}},
	{0, "NAF", 28, 15,
		demonymSet{"North Africa", "Afrique du Nord", "Северная Африка", "شمال أفريقيا|شمال إفريقيا", "شمال آفریقا", "Kuzey Afrika"},
		demonymSet{"North African", "nord-africain", "североафриканский", "", "", ""}},
	{0, "MGH", 31, 2,
		demonymSet{"Maghreb", "Maghreb", "Магриб", "المغرب العربي", "مغرب عربی", "Mağrip"},
		demonymSet{"Maghrebi", "maghrébin", "", "مغاربي", "", ""}},
	{0, "WAF", 12, -2,
		demonymSet{"West Africa", "Afrique de l'Ouest", "Западная Африка", "غرب أفريقيا|غرب إفريقيا", "غرب آفریقا", "Batı Afrika"},
		demonymSet{"West African", "ouest-africain", "западноафриканский", "", "", ""}},
	{0, "EAF", 2, 38,
		demonymSet{"East Africa", "Afrique de l'Est", "Восточная Африка", "شرق أفريقيا|شرق إفريقيا", "شرق آفریقا", "Doğu Afrika"},
		demonymSet{"East African", "est-africain", "восточноафриканский", "", "", ""}},
	{0, "HOA", 8, 45,
		demonymSet{"Horn of Africa", "Corne de l'Afrique", "Африканский Рог", "القرن الأفريقي|القرن الإفريقي", "شاخ آفریقا", "Afrika Boynuzu"},
		demonymSet{"", "", "", "", "", ""}},
	{0, "SAH", 15, 5,
		demonymSet{"Sahel", "Sahel", "Сахель", "الساحل الأفريقي|منطقة الساحل", "ساحل آفریقا", "Sahel"},
		demonymSet{"Sahelian", "sahélien", "", "", "", ""}},
	{0, "SAF", -25, 25,
		demonymSet{"Southern Africa", "Afrique australe", "", "", "", ""},
		demonymSet{"", "", "", "", "", ""}},
	{0, "LEV", 33.5, 36.5,
		demonymSet{"Levant", "Levant", "Левант", "بلاد الشام|المشرق العربي", "شامات", "Levant"},
		demonymSet{"Levantine", "levantin", "", "شامي", "", ""}},
	{0, "CAU", 42, 45,
		demonymSet{"Caucasus|South Caucasus|North Caucasus", "Caucase", "Кавказ|Закавказье|Северный Кавказ", "القوقاز", "قفقاز", "Kafkasya|Kafkaslar"},
		demonymSet{"Caucasian", "caucasien", "кавказский", "قوقازي", "قفقازی", "Kafkasyalı"}},
	{0, "CAS", 43, 65,
		demonymSet{"Central Asia", "Asie centrale", "Средняя Азия|Центральная Азия", "آسيا الوسطى", "آسیای مرکزی", "Orta Asya"},
		demonymSet{"Central Asian", "centrasiatique", "среднеазиатский|центральноазиатский", "", "", "Orta Asyalı"}},
	{0, "SAS", 22, 78,
		demonymSet{"South Asia", "Asie du Sud", "Южная Азия", "جنوب آسيا", "جنوب آسیا", "Güney Asya"},
		demonymSet{"South Asian", "sud-asiatique", "южноазиатский", "", "", ""}},
	{0, "SEA", 10, 110,
		demonymSet{"Southeast Asia|South-East Asia", "Asie du Sud-Est", "Юго-Восточная Азия", "جنوب شرق آسيا", "جنوب شرق آسیا", "Güneydoğu Asya"},
		demonymSet{"Southeast Asian", "", "", "", "", ""}},
	{0, "EAS", 35, 115,
		demonymSet{"East Asia", "Asie de l'Est", "Восточная Азия", "شرق آسيا", "شرق آسیا", "Doğu Asya"},
		demonymSet{"East Asian", "est-asiatique", "восточноазиатский", "", "", ""}},
	{0, "BAL", 43, 21,
		demonymSet{"Balkans", "Balkans", "Балканы", "البلقان", "بالکان", "Balkanlar"},
		demonymSet{"Balkan", "balkanique", "балканский", "", "", ""}},
	{0, "SCA", 63, 15,
		demonymSet{"Scandinavia", "Scandinavie", "Скандинавия", "إسكندنافيا", "اسکاندیناوی", "İskandinavya"},
		demonymSet{"Scandinavian", "scandinave", "скандинавский", "", "", ""}},
	{0, "CAM", 14, -87,
		demonymSet{"Central America", "Amérique centrale", "Центральная Америка", "أمريكا الوسطى|أميركا الوسطى", "آمریکای مرکزی", "Orta Amerika"},
		demonymSet{"Central American", "centraméricain", "центральноамериканский", "", "", ""}},
	{0, "LA", 8.0, -66.0,
		demonymSet{"Latin America", "Amérique latine", "Латинская Америка", "أمريكا اللاتينية|أميركا اللاتينية", "آمریکای لاتین", "Latin Amerika"},
		demonymSet{"Latin American", "latino-américain", "латиноамериканский", "", "", ""}},
}

// seas are the oceans and seas news mentions most, with a representative
// point near the middle of each, and the European Union, placed at
// Europe's point. GeoNames ids are not given: the data has none for them.
var seas = []struct {
	code     string
	lat, lon float64
	names    demonymSet
	acronyms string
}{
	{"OCN", 0, -30, demonymSet{"Atlantic Ocean|Atlantic", "océan Atlantique|Atlantique", "Атлантический океан|Атлантика", "المحيط الأطلسي|المحيط الاطلسي", "اقیانوس اطلس", "Atlas Okyanusu"}, ""},
	{"OCN", 0, -160, demonymSet{"Pacific Ocean|Pacific", "océan Pacifique|Pacifique", "Тихий океан", "المحيط الهادئ|المحيط الهادي", "اقیانوس آرام", "Pasifik Okyanusu|Büyük Okyanus"}, ""},
	{"OCN", -20, 80, demonymSet{"Indian Ocean", "océan Indien", "Индийский океан", "المحيط الهندي", "اقیانوس هند", "Hint Okyanusu"}, ""},
	{"OCN", 85, 0, demonymSet{"Arctic Ocean|Arctic", "océan Arctique|Arctique", "Северный Ледовитый океан|Арктика", "المحيط المتجمد الشمالي|القطب الشمالي", "اقیانوس منجمد شمالی|قطب شمال", "Arktik Okyanusu|Arktik"}, ""},
	{"SEA", 35, 18, demonymSet{"Mediterranean Sea|Mediterranean", "mer Méditerranée|Méditerranée", "Средиземное море|Средиземноморье", "البحر الأبيض المتوسط|البحر المتوسط", "دریای مدیترانه|مدیترانه", "Akdeniz"}, ""},
	{"SEA", 20, 38.5, demonymSet{"Red Sea", "mer Rouge", "Красное море", "البحر الأحمر", "دریای سرخ", "Kızıldeniz"}, ""},
	{"SEA", 43.5, 34, demonymSet{"Black Sea", "mer Noire", "Чёрное море", "البحر الأسود", "دریای سیاه", "Karadeniz"}, ""},
	{"SEA", 41.5, 50.5, demonymSet{"Caspian Sea|Caspian", "mer Caspienne", "Каспийское море|Каспий", "بحر قزوين", "دریای خزر|دریای کاسپین", "Hazar Denizi"}, ""},
	{"SEA", 27, 51, demonymSet{"Persian Gulf|Arabian Gulf", "golfe Persique|golfe Arabo-Persique", "Персидский залив", "الخليج العربي|الخليج الفارسي", "خلیج فارس", "Basra Körfezi|Fars Körfezi"}, ""},
	{"SEA", 15, 65, demonymSet{"Arabian Sea", "mer d'Arabie", "Аравийское море", "بحر العرب", "دریای عرب", "Umman Denizi|Arap Denizi"}, ""},
	{"SEA", 12.5, 48, demonymSet{"Gulf of Aden", "golfe d'Aden", "Аденский залив", "خليج عدن", "خلیج عدن", "Aden Körfezi"}, ""},
	{"SEA", 25.5, 57.5, demonymSet{"Gulf of Oman|Strait of Hormuz", "golfe d'Oman|détroit d'Ormuz", "Оманский залив|Ормузский пролив", "خليج عمان|مضيق هرمز", "دریای عمان|تنگه هرمز", "Umman Körfezi|Hürmüz Boğazı"}, ""},
	{"SEA", 25, -90, demonymSet{"Gulf of Mexico", "golfe du Mexique", "Мексиканский залив", "خليج المكسيك", "خلیج مکزیک", "Meksika Körfezi"}, ""},
	{"SEA", 15, -75, demonymSet{"Caribbean Sea|Caribbean", "mer des Caraïbes|Caraïbes", "Карибское море", "البحر الكاريبي", "دریای کارائیب", "Karayip Denizi|Karayipler"}, ""},
	{"SEA", 12, 113, demonymSet{"South China Sea", "mer de Chine méridionale", "Южно-Китайское море", "بحر الصين الجنوبي", "دریای چین جنوبی", "Güney Çin Denizi"}, ""},
	{"SEA", 58, 20, demonymSet{"Baltic Sea|Baltic", "mer Baltique", "Балтийское море|Балтика", "بحر البلطيق", "دریای بالتیک", "Baltık Denizi"}, ""},
	{"SEA", 56, 3, demonymSet{"North Sea", "mer du Nord", "Северное море", "بحر الشمال", "دریای شمال", "Kuzey Denizi"}, ""},
	{"SEA", 39, 25, demonymSet{"Aegean Sea|Aegean", "mer Égée", "Эгейское море", "بحر إيجة", "دریای اژه", "Ege Denizi"}, ""},
	{"SEA", 31.5, 35.5, demonymSet{"Dead Sea", "mer Morte", "Мёртвое море", "البحر الميت", "دریای مرده|بحرالمیت", "Lut Gölü"}, ""},
	{"UNION", 48.6909, 9.1406, demonymSet{"European Union", "Union européenne", "Европейский союз|Евросоюз", "الاتحاد الأوروبي", "اتحادیه اروپا", "Avrupa Birliği"}, "EU|E.U.|UE|ЕС"},
}

// usAbbreviations are the Associated Press abbreviations of the US states
// and Canadian provinces that datelines and news use ("Springfield,
// Ill."); they match only with their full stop.
var usAbbreviations = map[string]string{
	"US.AL": "Ala.", "US.AZ": "Ariz.", "US.AR": "Ark.", "US.CA": "Calif.|Cal.", "US.CO": "Colo.", "US.CT": "Conn.",
	"US.DE": "Del.", "US.FL": "Fla.", "US.GA": "Ga.", "US.IL": "Ill.", "US.IN": "Ind.", "US.KS": "Kan.|Kans.",
	"US.KY": "Ky.", "US.LA": "La.", "US.MD": "Md.", "US.MA": "Mass.", "US.MI": "Mich.", "US.MN": "Minn.",
	"US.MS": "Miss.", "US.MO": "Mo.", "US.MT": "Mont.", "US.NE": "Neb.|Nebr.", "US.NV": "Nev.", "US.NH": "N.H.",
	"US.NJ": "N.J.", "US.NM": "N.M.", "US.NY": "N.Y.", "US.NC": "N.C.", "US.ND": "N.D.", "US.OK": "Okla.",
	"US.OR": "Ore.|Oreg.", "US.PA": "Pa.|Penn.", "US.RI": "R.I.", "US.SC": "S.C.", "US.SD": "S.D.", "US.TN": "Tenn.",
	"US.TX": "Tex.", "US.VT": "Vt.", "US.VA": "Va.", "US.WA": "Wash.", "US.WV": "W.Va.", "US.WI": "Wis.|Wisc.",
	"US.WY": "Wyo.", "CA.02": "B.C.", "CA.01": "Alta.", "CA.08": "Ont.", "CA.10": "Que.", "CA.11": "Sask.",
	"CA.03": "Man.",
}

// cityAbbreviations are the same for cities.
var cityAbbreviations = map[uint32]string{4140963: "D.C."}

// cityNames are names news uses for a city that the localized lists give
// only to another place: Washington the capital, not the state.
var cityNames = map[uint32]string{4140963: "واشنطن|واشنگتن|Вашингтон|Washington"}

// calendarWords are capitalized in news but are no places: the towns called
// August or Sunday need context.
var calendarWords = strings.Fields(`january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
lundi mardi mercredi jeudi vendredi samedi dimanche
ocak subat mart nisan mayis haziran temmuz agustos eylul ekim kasim aralik
pazartesi sali carsamba persembe cuma cumartesi pazar
январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
января февраля марта апреля мая июня июля августа сентября октября ноября декабря
понедельник вторник среда четверг пятница суббота воскресенье
god allah christ jesus lord`)

// notPlaceNames are names of towns and divisions that news uses for
// something else: they need context to match. The English common words
// among the one-word names of cities of 100,000 or more and of first-level
// divisions (Mobile, Reading, Split, Salé, Tours, Unity State) are listed
// too: the English text jic may ship statistics from is too small to show
// all of them to be common words.
var notPlaceNames = []string{"el nino", "la nina", "new year", "christmas", "easter", "ramadan", "arab", "arabs",
	"north", "south", "east", "west", "central", "centre", "center", "northern", "southern", "eastern", "western",
	"northwest", "northeast", "southwest", "southeast", "capital", "coast", "littoral", "island", "islands", "valley",
	"bar", "bath", "enterprise", "independence", "lakes", "lira", "male", "man", "mascara", "metro", "mobile", "nice",
	"oral", "orange", "plateau", "pool", "reading", "saga", "sale", "split", "springs", "surprise", "tours", "unity",
	// Arabic and Persian: directions, "new", "city", weekdays
	"الشرقية", "الغربية", "الشمالية", "الجنوبية", "الوسطى", "المركزي", "المركزية", "الجديدة", "الجديد", "المدينة", "مدينة",
	"الشرقي", "الغربي", "الشمالي", "الجنوبي", "شرق", "غرب", "شمال", "جنوب", "وسط",
	"الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
	"شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "مرکزی", "شرقی", "غربی", "شمالی", "جنوبی"}

// pointOverrides replace a country's point in world-countries where it is
// far from where maps put the country: the United States at the
// geographic centre of the 48 contiguous states (near Lebanon, Kansas),
// not a rounded point 200 km off it.
var pointOverrides = map[string][2]float64{"US": {39.83, -98.58}}
