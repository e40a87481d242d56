# Languages by name, for the ISO 639 codes a record keeps.

language-da = Dansk
language-en = Engelsk
language-ar = Arabisk
language-tr = Tyrkisk
language-so = Somali
language-pl = Polsk
language-uk = Ukrainsk
language-de = Tysk
language-fa = Persisk (farsi)
language-ur = Urdu
language-ti = Tigrinya
language-sv = Svensk
language-no = Norsk
language-fr = Fransk
language-es = Spansk
language-ru = Russisk
language-ku = Kurdisk
language-kl = Grønlandsk
