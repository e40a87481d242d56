# Languages by name, for the ISO 639 codes a record keeps.

language-da = Danish
language-en = English
language-ar = Arabic
language-tr = Turkish
language-so = Somali
language-pl = Polish
language-uk = Ukrainian
language-de = German
language-fa = Persian (Farsi)
language-ur = Urdu
language-ti = Tigrinya
language-sv = Swedish
language-no = Norwegian
language-fr = French
language-es = Spanish
language-ru = Russian
language-ku = Kurdish
language-kl = Greenlandic
