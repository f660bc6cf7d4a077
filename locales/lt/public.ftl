# Viešieji puslapiai: prenumerata, patvirtinimas, atsisakymas, nustatymai, klaidos.
# Argumentai aprašyti faile locales/en/public.ftl. Kreipinys: „Jūs“ (didžiąja raide).
# „organizacijos { $organisation }“: pavadinimas lieka vardininko linksnyje, jo linksniuoti nereikia.

## Visi puslapiai

site-language-label = Kalba
site-imprint-link = Teisinė informacija
site-privacy-link = Privatumo politika

## Prenumeratos forma

subscribe-title = Naujienlaiškio prenumerata
subscribe-intro = Gaukite organizacijos { $organisation } naujienas el. paštu savo kalba. Prenumerata nemokama, jos galite bet kada atsisakyti.
subscribe-email-label = El. pašto adresas
subscribe-name-label = Vardas (neprivaloma)
subscribe-language-label = Naujienlaiškio kalba
subscribe-topics-legend = Temos
subscribe-topics-hint = Pasirinkite Jus dominančias temas.
subscribe-region-label = Regionas (neprivaloma)
subscribe-region-none = Jokio konkretaus regiono
subscribe-audience-label = Kas Jus geriausiai apibūdina?
subscribe-audience-citizen = ES pilietis arba pilietė
subscribe-audience-counsellor = Konsultantas, konsultantė arba konsultavimo centras
subscribe-audience-organisation = Organizacija arba bendruomenė
subscribe-consent-v1 = Sutinku, kad organizacija { $organisation } saugotų mano el. pašto adresą ir pirmiau nurodytus duomenis, kad galėtų man siųsti naujienlaiškį. Pirmiausia gausiu el. laišką, kuriuo patvirtinsiu prenumeratą. Sutikimą galiu bet kada atšaukti, pavyzdžiui, per nuorodą, esančią kiekviename naujienlaiškyje.
subscribe-privacy-note = Kaip tvarkome Jūsų duomenis, galite perskaityti mūsų privatumo politikoje.
subscribe-submit = Prenumeruoti
subscribe-honeypot-label = Palikite šį lauką tuščią

## Po prenumeratos

subscribe-check-inbox-title = Patikrinkite savo pašto dėžutę
subscribe-check-inbox-text = Išsiuntėme el. laišką adresu { $email }. Spustelėkite jame esančią nuorodą, kad patvirtintumėte prenumeratą.
subscribe-check-inbox-spam = Po kelių minučių laiško vis dar nėra? Patikrinkite ir nepageidaujamų laiškų aplanką.

## Patvirtinimo nuoroda

confirm-success-title = Prenumerata patvirtinta
confirm-success-text = Ačiū! Nuo šiol gausite mūsų naujienlaiškį. Nustatymus pakeisti arba prenumeratos atsisakyti galite bet kada naudodamiesi nuorodomis kiekvieno naujienlaiškio pabaigoje.
confirm-invalid-title = Ši nuoroda neteisinga arba nebegalioja
confirm-invalid-text = Patvirtinimo nuorodos galioja tik ribotą laiką ir gali būti panaudotos tik vieną kartą. Įveskite savo el. pašto adresą ir atsiųsime naują nuorodą.
confirm-resend-button = Siųsti naują nuorodą
confirm-page-title = Patvirtinkite prenumeratą
confirm-page-text = Mygtuku žemiau patvirtinkite, kad norite gauti mūsų naujienlaiškį.
confirm-page-button = Patvirtinti prenumeratą
confirm-page-ignore = Jei neužsiprenumeravote, tiesiog uždarykite šį puslapį. Be patvirtinimo naujienlaiškio negausite.

## Prenumeratos atsisakymas

unsubscribe-title = Prenumeratos atsisakymas
unsubscribe-question = Ar tikrai nebenorite gauti naujienlaiškio?
unsubscribe-button = Atsisakyti prenumeratos
unsubscribe-preferences-link = Arba vietoj to pakeiskite temas ir kalbą
unsubscribe-done-title = Prenumeratos atsisakėte
unsubscribe-done-text = Naujienlaiškio nebegausite. Jei tai buvo klaida, galite bet kada vėl užsiprenumeruoti.
unsubscribe-resubscribe-link = Užsiprenumeruoti dar kartą

## Nustatymai

preferences-title = Jūsų nustatymai
preferences-intro = Čia galite pakeisti naujienlaiškio kalbą ir temas.
preferences-save = Išsaugoti nustatymus
preferences-saved = Jūsų nustatymai išsaugoti.
preferences-delete-title = Jūsų duomenų ištrynimas
preferences-delete-warning = Taip ištrinsite savo prenumeratą ir visus duomenis, kuriuos apie Jus saugome. Šio veiksmo atšaukti negalima.
preferences-delete-button = Ištrinti visus mano duomenis
preferences-erased-title = Jūsų duomenys ištrinti
preferences-erased-text = Ištrynėme Jūsų prenumeratą ir asmens duomenis. Saugome tik žymą, kad šiuo adresu nebegalima siųsti el. laiškų.

## Klaidos ir formos tikrinimas

error-not-found-title = Puslapis nerastas
error-not-found-text = Puslapio, kurio ieškote, nėra. Patikrinkite adresą.
error-bad-request-title = Netinkama užklausa
error-bad-request-text = Jūsų užklausos nepavyko apdoroti. Grįžkite atgal ir bandykite dar kartą.
error-rate-limited-title = Per daug užklausų
error-rate-limited-text = Iš Jūsų ryšio gauta per daug užklausų. Bandykite dar kartą po kelių minučių.
error-internal-title = Įvyko klaida
error-internal-text = Mūsų sistemoje įvyko netikėta klaida. Bandykite dar kartą vėliau.
error-home-link = Eiti į prenumeratos puslapį
error-form-summary = Patikrinkite įvestus duomenis.
error-email-invalid = Įveskite galiojantį el. pašto adresą.
error-email-local-ascii = Šiuo adresu laiškų siųsti negalime: prieš @ gali būti tik lotyniškos raidės be diakritinių ženklų (a–z), skaitmenys ir tokie ženklai kaip . _ - +.
error-consent-missing = Sutikite su Jūsų duomenų tvarkymu, kad galėtume Jums siųsti naujienlaiškį.
error-language-unknown = Pasirinkite vieną iš siūlomų kalbų.
error-unavailable-title = Paslauga laikinai nepasiekiama
error-unavailable-text = Šiuo metu paslauga negali prisijungti prie savo duomenų bazės. Jūsų anksčiau įvesti duomenys nebuvo prarasti. Bandykite dar kartą po minutės.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Sutinku, kad organizacija { $organisation } saugotų ir naudotų mano el. pašto adresą ir pirmiau nurodytus duomenis, kad galėtų man el. paštu siųsti naujienlaiškį pasirinktomis temomis. Pirmiausia gausiu el. laišką, kuriuo patvirtinsiu prenumeratą. Sutikimą galiu bet kada atšaukti ateičiai, pavyzdžiui, per prenumeratos atsisakymo nuorodą, esančią kiekviename naujienlaiškyje.
erase-confirm-title = Ar tikrai norite ištrinti visus savo duomenis?
erase-confirm-text = Ištrinsime Jūsų el. pašto adresą, vardą, temas ir nustatymus. Naujienlaiškio nebegausite. Šio veiksmo atšaukti negalima.
erase-confirm-button = Taip, ištrinti visus mano duomenis
erase-confirm-cancel = Ne, palikti mano duomenis
unsubscribed-status-text = Atsisakėte prenumeratos ir naujienlaiškio nebegaunate.
data-link = Peržiūrėti duomenis, kuriuos apie Jus saugome
data-title = Jūsų duomenys
data-intro = Tai visi duomenys, kuriuos apie Jus saugome. Juos taip pat galite atsisiųsti kaip failą.
data-download = Atsisiųsti kaip failą (JSON)
data-profile-heading = Jūsų pateikti duomenys
data-signed-up = Užsiprenumeravimo data
data-consent-heading = Jūsų sutikimai ir pakeitimai
data-consent-when = Kada
data-consent-action = Kas
data-consent-version = Teksto versija
data-deliveries-heading = Jums išsiųsti naujienlaiškiai
data-delivery-issue = Numeris
data-delivery-sent = Išsiuntimo data
data-deliveries-none = Jums dar nebuvo išsiųstas nė vienas naujienlaiškis.
data-none = nėra
data-action-signup = Prenumerata
data-action-confirm = Patvirtinimas
data-action-preferences = Nustatymų keitimas
data-action-unsubscribe = Prenumeratos atsisakymas
data-action-import = Įtraukė organizacija
data-action-erase = Duomenų ištrynimas
data-action-bounce = Adresas nepasiekiamas
data-action-complaint = Pažymėta kaip šlamštas
data-action-suppression_lifted = Adreso blokavimas panaikintas

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Pereiti prie turinio
site-accessibility-link = Pareiškimas dėl prieinamumo
site-contact-label = Kontaktai
site-legal-label = Teisinė informacija
site-back-to-website = Grįžti į svetainę
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = naujienlaiškio redakcija
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Naujienlaiškis

test-mail-title = Tai buvo bandomasis laiškas
test-mail-text = Ši nuoroda yra iš bandomojo el. laiško arba naujienlaiškio peržiūros. Ji nesusijusi su jokia prenumerata, todėl niekas nepakeista.

# The public archive (issue 23).
archive-title = Archyvas
archive-empty = Dar nepaskelbtas nė vienas numeris.
archive-feed-title = Naujienlaiškio archyvas
archive-feed-link = Naujų numerių sklaidos kanalas
archive-neutral-email = jūsų el. pašto adresas
archive-view-in-browser = Peržiūrėkite šį numerį naršyklėje
archive-other-languages = Šis numeris kitomis kalbomis
archive-all-issues = Visi numeriai

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Tikriname, ar esate žmogus, o ne programa… Tai užtrunka kelias sekundes.
subscribe-pow-done = Patikra baigta. Galite siųsti formą.
subscribe-pow-failed = Patikros atlikti nepavyko. Įkelkite puslapį iš naujo ir bandykite dar kartą.
subscribe-pow-noscript = Kad būtų užkirstas kelias automatinėms prenumeratoms, ši forma paprašo Jūsų naršyklės išspręsti nedidelę skaičiavimo užduotį. Norėdami užsiprenumeruoti, įjunkite šiam puslapiui JavaScript.
error-pow = Patikros, kad esate žmogus, nėra, jos galiojimas baigėsi arba ji jau panaudota. Palaukite, kol patikra bus baigta, ir išsiųskite formą dar kartą.
