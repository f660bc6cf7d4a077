# Leathanaigh phoiblí: liostáil, dearbhú, díliostáil, roghanna, earráidí.
# Tá cur síos ar na hargóintí in locales/en/public.ftl.

## Gach leathanach

site-language-label = Teanga
site-imprint-link = Faisnéis dhlíthiúil
site-privacy-link = Beartas príobháideachais

## Foirm liostála

subscribe-title = Liostáil leis an nuachtlitir
subscribe-intro = Faigh nuacht ó { $organisation } trí ríomhphost, i do theanga féin. Tá sé saor in aisce agus is féidir leat díliostáil am ar bith.
subscribe-email-label = Seoladh ríomhphoist
subscribe-name-label = Ainm (roghnach)
subscribe-language-label = Teanga na nuachtlitreach
subscribe-topics-legend = Ábhair
subscribe-topics-hint = Roghnaigh na hábhair a bhfuil suim agat iontu.
subscribe-region-label = Réigiún (roghnach)
subscribe-region-none = Gan réigiún ar leith
subscribe-audience-label = Cé acu is fearr a chuireann síos ort?
subscribe-audience-citizen = Saoránach den AE
subscribe-audience-counsellor = Comhairleoir nó ionad comhairleoireachta
subscribe-audience-organisation = Eagraíocht nó pobal
subscribe-consent-v1 = Aontaím go stórálfaidh { $organisation } mo sheoladh ríomhphoist agus na sonraí thuas chun an nuachtlitir a sheoladh chugam. Gheobhaidh mé ríomhphost ar dtús chun mo liostáil a dhearbhú. Is féidir liom mo thoiliú a tharraingt siar am ar bith, mar shampla tríd an nasc atá i ngach nuachtlitir.
subscribe-privacy-note = Is féidir leat léamh faoin gcaoi a láimhseálaimid do shonraí inár mbeartas príobháideachais.
subscribe-submit = Liostáil
subscribe-honeypot-label = Fág an réimse seo folamh

## Tar éis liostála

subscribe-check-inbox-title = Féach ar do bhosca isteach, le do thoil
subscribe-check-inbox-text = Sheolamar ríomhphost chuig { $email }. Cliceáil ar an nasc atá ann chun do liostáil a dhearbhú.
subscribe-check-inbox-spam = Gan ríomhphost tar éis cúpla nóiméad? Féach i d'fhillteán turscair freisin.

## Nasc dearbhaithe

confirm-success-title = Tá do liostáil dearbhaithe
confirm-success-text = Go raibh maith agat! Gheobhaidh tú ár nuachtlitir as seo amach. Is féidir leat do roghanna a athrú nó díliostáil am ar bith leis na naisc ag deireadh gach nuachtlitreach.
confirm-invalid-title = Tá an nasc seo neamhbhailí nó imithe in éag
confirm-invalid-text = Ní bhíonn naisc dhearbhaithe bailí ach ar feadh tréimhse theoranta agus ní féidir iad a úsáid ach uair amháin. Cuir isteach do sheoladh ríomhphoist agus seolfaimid nasc nua chugat.
confirm-resend-button = Seol nasc nua
confirm-page-title = Dearbhaigh do liostáil
confirm-page-text = Dearbhaigh leis an gcnaipe thíos gur mian leat ár nuachtlitir a fháil.
confirm-page-button = Dearbhaigh an liostáil
confirm-page-ignore = Murar liostáil tú, níl ort ach an leathanach seo a dhúnadh. Gan dearbhú ní bhfaighidh tú an nuachtlitir.

## Díliostáil

unsubscribe-title = Díliostáil
unsubscribe-question = An bhfuil tú cinnte nach dteastaíonn an nuachtlitir uait a thuilleadh?
unsubscribe-button = Díliostáil
unsubscribe-preferences-link = Nó athraigh na hábhair agus an teanga ina ionad sin
unsubscribe-done-title = Tá tú díliostáilte
unsubscribe-done-text = Ní bhfaighidh tú an nuachtlitir a thuilleadh. Más botún a bhí ann, is féidir leat liostáil arís am ar bith.
unsubscribe-resubscribe-link = Liostáil arís

## Roghanna

preferences-title = Do roghanna
preferences-intro = Anseo is féidir leat teanga agus ábhair do nuachtlitreach a athrú.
preferences-save = Sábháil na roghanna
preferences-saved = Sábháladh do roghanna.
preferences-delete-title = Scrios do shonraí
preferences-delete-warning = Scriosfar do liostáil agus na sonraí go léir atá againn fút. Ní féidir é seo a chealú.
preferences-delete-button = Scrios mo chuid sonraí go léir
preferences-erased-title = Scriosadh do shonraí
preferences-erased-text = Scriosamar do liostáil agus do shonraí pearsanta. Ní choinnímid ach nóta nach ceadmhach ríomhphoist a sheoladh chuig an seoladh seo a thuilleadh.

## Earráidí agus seiceáil na foirme

error-not-found-title = Níor aimsíodh an leathanach
error-not-found-text = Níl an leathanach a d'iarr tú ann. Seiceáil an seoladh, le do thoil.
error-bad-request-title = Iarratas neamhbhailí
error-bad-request-text = Níorbh fhéidir d'iarratas a phróiseáil. Téigh ar ais agus bain triail eile as.
error-rate-limited-title = An iomarca iarratas
error-rate-limited-text = Tháinig an iomarca iarratas ó do cheangal. Bain triail eile as i gceann cúpla nóiméad.
error-internal-title = Chuaigh rud éigin mícheart
error-internal-text = Tharla earráid gan choinne ar ár dtaobh. Bain triail eile as ar ball.
error-home-link = Téigh go dtí an leathanach liostála
error-form-summary = Seiceáil an méid a chuir tú isteach, le do thoil.
error-email-invalid = Cuir isteach seoladh ríomhphoist bailí, le do thoil.
error-email-local-ascii = Ní féidir linn ríomhphoist a sheoladh chuig an seoladh seo: roimh an @ ní cheadaítear ach litreacha gan sínte fada ná aiceanna (a–z), uimhreacha agus carachtair mar . _ - +.
error-consent-missing = Tabhair do thoiliú go bpróiseálfar do shonraí, le do thoil, ionas gur féidir linn an nuachtlitir a sheoladh chugat.
error-language-unknown = Roghnaigh ceann de na teangacha atá ar fáil, le do thoil.
error-unavailable-title = Níl an tseirbhís ar fáil go sealadach
error-unavailable-text = Ní féidir leis an tseirbhís teacht ar a bunachar sonraí faoi láthair. Níor cailleadh aon rud a d'iontráil tú roimhe seo. Bain triail eile as i gceann nóiméid.

## Consent v2, the second step of erasure, the unsubscribed state and the reader's own data

subscribe-consent-v2 = Aontaím go stórálfaidh agus go n-úsáidfidh { $organisation } mo sheoladh ríomhphoist agus na sonraí thuas chun an nuachtlitir ar na hábhair a roghnaigh mé a sheoladh chugam trí ríomhphost. Gheobhaidh mé ríomhphost ar dtús chun mo liostáil a dhearbhú. Is féidir liom mo thoiliú a tharraingt siar am ar bith, le héifeacht don todhchaí, mar shampla tríd an nasc díliostála i ngach nuachtlitir.
erase-confirm-title = An bhfuil tú cinnte gur mian leat do shonraí go léir a scriosadh?
erase-confirm-text = Scriosfaimid do sheoladh ríomhphoist, d'ainm, d'ábhair agus do roghanna. Ní bhfaighidh tú an nuachtlitir a thuilleadh. Ní féidir é seo a chealú.
erase-confirm-button = Is ea, scrios mo shonraí go léir
erase-confirm-cancel = Ní hea, coinnigh mo shonraí
unsubscribed-status-text = Tá tú díliostáilte agus ní bhfaigheann tú an nuachtlitir a thuilleadh.
data-link = Féach na sonraí atá againn fút
data-title = Do shonraí
data-intro = Seo iad na sonraí go léir atá againn fút. Is féidir leat iad a íoslódáil mar chomhad freisin.
data-download = Íoslódáil mar chomhad (JSON)
data-profile-heading = Do mhionsonraí
data-signed-up = Dáta liostála
data-consent-heading = Do thoiliú agus d'athruithe
data-consent-when = Cathain
data-consent-action = Cad
data-consent-version = Leagan an téacs
data-deliveries-heading = Nuachtlitreacha a seoladh chugat
data-delivery-issue = Eagrán
data-delivery-sent = Dáta seolta
data-deliveries-none = Níor seoladh aon nuachtlitir chugat fós.
data-none = dada
data-action-signup = Liostáil
data-action-confirm = Dearbhú
data-action-preferences = Athrú roghanna
data-action-unsubscribe = Díliostáil
data-action-import = Curtha leis ag an eagraíocht
data-action-erase = Scriosadh sonraí
data-action-bounce = Ní féidir ríomhphost a sheachadadh chuig an seoladh
data-action-complaint = Tuairiscithe mar thurscar
data-action-suppression_lifted = Baineadh an bac den seoladh

# The frame of every public page: skip link, header and footer with the legal links.
site-skip-link = Léim go dtí an t-ábhar
site-accessibility-link = Ráiteas inrochtaineachta
site-contact-label = Teagmháil
site-legal-label = Faisnéis dhlíthiúil
site-back-to-website = Ar ais chuig an suíomh gréasáin
# In place of the organisation's name in sentences, when none is configured.
site-organisation-unnamed = foireann an nuachtlitreach
# The header of the pages when no organisation name is configured.
site-newsletter-unnamed = Nuachtlitir

test-mail-title = Ríomhphost tástála a bhí ann
test-mail-text = Tagann an nasc seo ó ríomhphost tástála nó ó réamhamharc ar an nuachtlitir. Níl sé ceangailte le haon liostáil, mar sin níor athraíodh aon rud.

# The public archive (issue 23).
archive-title = Cartlann
archive-empty = Níor foilsíodh aon eagrán fós.
archive-feed-title = Cartlann na nuachtlitreach
archive-feed-link = Fotha na n-eagrán nua
archive-neutral-email = do sheoladh ríomhphoist
archive-view-in-browser = Féach ar an eagrán seo i do bhrabhsálaí
archive-other-languages = An t-eagrán seo i dteangacha eile
archive-all-issues = Gach eagrán

# The proof of work of the sign-up form against bots (issue 23).
subscribe-pow-working = Táimid ag seiceáil gur duine thú agus nach ríomhchlár thú… Tógfaidh sé seo cúpla soicind.
subscribe-pow-done = Tá an tseiceáil déanta. Is féidir leat an fhoirm a sheoladh.
subscribe-pow-failed = Níorbh fhéidir an tseiceáil a dhéanamh. Athlódáil an leathanach agus bain triail eile as.
subscribe-pow-noscript = Chun clárúcháin uathoibríocha a choinneáil amach, iarrann an fhoirm seo ar do bhrabhsálaí ríomh beag a réiteach. Cas air JavaScript don leathanach seo chun liostáil.
error-pow = Tá an tseiceáil gur duine thú in easnamh, imithe in éag nó úsáidte cheana. Fan go mbeidh an tseiceáil déanta agus seol an fhoirm arís.
