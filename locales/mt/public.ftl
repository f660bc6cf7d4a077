# Paġni pubbliċi: abbonament, konferma, tħassir tal-abbonament, preferenzi, żbalji.
# L-argumenti huma deskritti f'locales/en/public.ftl.

## Il-paġni kollha

site-language-label = Lingwa
site-imprint-link = Informazzjoni legali
site-privacy-link = Politika tal-privatezza

## Formola tal-abbonament

subscribe-title = Abbona għall-bullettin
subscribe-intro = Irċievi l-aħbarijiet ta' { $organisation } bl-email, bil-lingwa tiegħek. Huwa b'xejn u tista' tikkanċella l-abbonament meta trid.
subscribe-email-label = Indirizz tal-email
subscribe-name-label = Isem (mhux obbligatorju)
subscribe-language-label = Lingwa tal-bullettin
subscribe-topics-legend = Suġġetti
subscribe-topics-hint = Agħżel is-suġġetti li jinteressawk.
subscribe-region-label = Reġjun (mhux obbligatorju)
subscribe-region-none = L-ebda reġjun partikolari
subscribe-audience-label = X'jiddeskrivik l-aħjar?
subscribe-audience-citizen = Ċittadin jew ċittadina tal-UE
subscribe-audience-counsellor = Konsulent, konsulenta jew ċentru ta' konsulenza
subscribe-audience-organisation = Organizzazzjoni jew komunità
subscribe-consent-v1 = Naqbel li { $organisation } iżżomm l-indirizz tal-email tiegħi u d-dettalji mogħtija hawn fuq biex tibagħtli l-bullettin. L-ewwel nirċievi email biex nikkonferma l-abbonament tiegħi. Nista' nirtira l-kunsens tiegħi meta rrid, pereżempju permezz tal-link li jinsab f'kull bullettin.
subscribe-privacy-note = Tista' taqra kif nittrattaw id-data tiegħek fil-politika tal-privatezza tagħna.
subscribe-submit = Abbona
subscribe-honeypot-label = Ħalli dan il-qasam vojt

## Wara l-abbonament

subscribe-check-inbox-title = Jekk jogħġbok iċċekkja l-inbox tiegħek
subscribe-check-inbox-text = Bgħattna email lill-indirizz { $email }. Jekk jogħġbok ikklikkja l-link li fih biex tikkonferma l-abbonament tiegħek.
subscribe-check-inbox-spam = L-ebda email wara ftit minuti? Jekk jogħġbok fittex ukoll fil-folder tal-ispam.

## Link ta' konferma

confirm-success-title = L-abbonament ġie kkonfermat
confirm-success-text = Grazzi! Minn issa 'l quddiem se tirċievi l-bullettin tagħna. Tista' tibdel il-preferenzi tiegħek jew tikkanċella l-abbonament meta trid permezz tal-links fl-aħħar ta' kull bullettin.
confirm-invalid-title = Dan il-link mhuwiex validu jew skada
confirm-invalid-text = Il-links ta' konferma huma validi għal żmien limitat biss u jistgħu jintużaw darba biss. Daħħal l-indirizz tal-email tiegħek u nibagħtulek link ġdid.
confirm-resend-button = Ibgħat link ġdid
confirm-page-title = Ikkonferma l-abbonament tiegħek
confirm-page-text = Jekk jogħġbok ikkonferma bil-buttuna hawn taħt li trid tirċievi l-bullettin tagħna.
confirm-page-button = Ikkonferma l-abbonament
confirm-page-ignore = Jekk ma abbonajtx int, sempliċement agħlaq din il-paġna. Mingħajr konferma ma tirċievi l-ebda bullettin.

## Tħassir tal-abbonament

unsubscribe-title = Ikkanċella l-abbonament
unsubscribe-question = Żgur li ma tridx tibqa' tirċievi l-bullettin?
unsubscribe-button = Ikkanċella l-abbonament
unsubscribe-preferences-link = Jew minflok ibdel is-suġġetti u l-lingwa
unsubscribe-done-title = L-abbonament tiegħek ġie kkanċellat
unsubscribe-done-text = Mhux se tibqa' tirċievi l-bullettin. Jekk dan kien żball, tista' terġa' tabbona meta trid.
unsubscribe-resubscribe-link = Erġa' abbona

## Preferenzi

preferences-title = Il-preferenzi tiegħek
preferences-intro = Hawnhekk tista' tibdel il-lingwa u s-suġġetti tal-bullettin tiegħek.
preferences-save = Aħżen il-preferenzi
preferences-saved = Il-preferenzi tiegħek ġew maħżuna.
preferences-delete-title = Ħassar id-data tiegħek
preferences-delete-warning = B'hekk jitħassru l-abbonament tiegħek u d-data kollha li għandna dwarek. Dan ma jistax jitreġġa' lura.
preferences-delete-button = Ħassar id-data kollha tiegħi
preferences-erased-title = Id-data tiegħek tħassret
preferences-erased-text = Ħassarna l-abbonament u d-data personali tiegħek. Inżommu biss nota li m'għandhiex tintbagħat aktar email lil dan l-indirizz.

## Żbalji u kontroll tal-formola

error-not-found-title = Il-paġna ma nstabitx
error-not-found-text = Il-paġna li tlabt ma teżistix. Jekk jogħġbok iċċekkja l-indirizz.
error-bad-request-title = Talba mhux valida
error-bad-request-text = It-talba tiegħek ma setgħetx tiġi pproċessata. Jekk jogħġbok mur lura u erġa' pprova.
error-rate-limited-title = Wisq talbiet
error-rate-limited-text = Waslu wisq talbiet mill-konnessjoni tiegħek. Jekk jogħġbok erġa' pprova fi ftit minuti.
error-internal-title = Xi ħaġa marret ħażin
error-internal-text = Seħħ żball mhux mistenni min-naħa tagħna. Jekk jogħġbok erġa' pprova aktar tard.
error-home-link = Mur fil-paġna tal-abbonament
error-form-summary = Jekk jogħġbok iċċekkja d-dettalji li daħħalt.
error-email-invalid = Jekk jogħġbok daħħal indirizz tal-email validu.
error-email-local-ascii = Ma nistgħux nibagħtu emails lil dan l-indirizz: qabel il-@ jistgħu jkunu biss l-ittri a–z mingħajr aċċenti (mhux ċ, ġ, ħ jew ż), numri u karattri bħal . _ - +.
error-consent-missing = Jekk jogħġbok agħti l-kunsens tiegħek għall-ipproċessar tad-data tiegħek, biex inkunu nistgħu nibagħtulek il-bullettin.
error-language-unknown = Jekk jogħġbok agħżel waħda mil-lingwi offruti.
error-unavailable-title = Is-servizz mhux disponibbli temporanjament
error-unavailable-text = Bħalissa s-servizz ma jistax jikkonnettja mal-bażi tad-data tiegħu. Xejn minn dak li daħħalt qabel ma ntilef. Jekk jogħġbok erġa' pprova fi żmien minuta.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Naqbel li { $organisation } iżżomm u tuża l-indirizz tal-email tiegħi u d-dettalji mogħtija hawn fuq biex tibagħtli bl-email il-bullettin dwar is-suġġetti magħżula. L-ewwel nirċievi email biex nikkonferma l-abbonament tiegħi. Nista' nirtira l-kunsens tiegħi meta rrid b'effett għall-futur, pereżempju permezz tal-link biex inneħħi l-abbonament li jinsab f'kull bullettin.
erase-confirm-title = Żgur li trid tħassar id-data kollha tiegħek?
erase-confirm-text = Se nħassru l-indirizz tal-email, l-isem, is-suġġetti u l-preferenzi tiegħek. Mhux se tibqa' tirċievi l-bullettin. Dan ma jistax jitreġġa' lura.
erase-confirm-button = Iva, ħassar id-data kollha tiegħi
erase-confirm-cancel = Le, żomm id-data tiegħi
unsubscribed-status-text = Neħħejt l-abbonament u m'għadekx tirċievi l-bullettin.
data-link = Ara d-data li nżommu dwarek
data-title = Id-data tiegħek
data-intro = Din hija d-data kollha li nżommu dwarek. Tista' wkoll tniżżilha bħala fajl.
data-download = Niżżel bħala fajl (JSON)
data-profile-heading = Id-dettalji tiegħek
data-signed-up = Data tal-abbonament
data-consent-heading = Il-kunsensi u l-bidliet tiegħek
data-consent-when = Meta
data-consent-action = X'inhu
data-consent-version = Verżjoni tat-test
data-deliveries-heading = Bullettini mibgħuta lilek
data-delivery-issue = Ħarġa
data-delivery-sent = Data tal-bgħit
data-deliveries-none = Għadu ma ntbagħat l-ebda bullettin lilek.
data-none = xejn
data-action-signup = Abbonament
data-action-confirm = Konferma
data-action-preferences = Bidla fil-preferenzi
data-action-unsubscribe = Tneħħija tal-abbonament
data-action-import = Miżjud mill-organizzazzjoni
data-action-erase = Tħassir tad-data
data-action-bounce = L-indirizz ma jistax jintlaħaq
data-action-complaint = Irrappurtat bħala spam
data-action-suppression_lifted = Il-imblukkar tal-indirizz tneħħa

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Aqbeż għall-kontenut
site-accessibility-link = Dikjarazzjoni dwar l-aċċessibbiltà
site-contact-label = Kuntatt
site-legal-label = Informazzjoni legali
site-back-to-website = Lura għas-sit web
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = il-persunal tal-bullettin
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Bullettin

test-mail-title = Din kienet email ta' prova
test-mail-text = Dan il-link ġej minn email ta' prova jew minn previżjoni tal-bullettin. Mhuwiex marbut ma' ebda abbonament, għalhekk ma nbidel xejn.

# The public archive (issue 23).
archive-title = Arkivju
archive-empty = Għadha ma ġiet ippubblikata l-ebda ħarġa.
archive-feed-title = Arkivju tal-bullettin
archive-feed-link = Feed tal-ħarġiet il-ġodda
archive-neutral-email = l-indirizz tal-email tiegħek
archive-view-in-browser = Ara din il-ħarġa fil-browser tiegħek
archive-other-languages = Din il-ħarġa b'lingwi oħra
archive-all-issues = Il-ħarġiet kollha

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Qed niċċekkjaw li inti persuna u mhux programm… Dan jieħu ftit sekondi.
subscribe-pow-done = Il-verifika saret. Tista' tibgħat il-formola.
subscribe-pow-failed = Il-verifika ma setgħetx issir. Jekk jogħġbok erġa' tella' l-paġna u erġa' pprova.
subscribe-pow-noscript = Biex jinżammu barra l-abbonamenti awtomatiċi, din il-formola tqabbad lill-browser tiegħek isolvi kalkolu żgħir. Jekk jogħġbok ixgħel il-JavaScript għal din il-paġna biex tabbona.
error-pow = Il-verifika li inti persuna nieqsa, skadiet jew diġà ntużat. Jekk jogħġbok stenna sakemm tintemm il-verifika u erġa' ibgħat il-formola.
