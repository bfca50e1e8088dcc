"""`python -m bench.safety`: the children's prompt guard against the hand-written corpus (tests/safety/corpus/).

The corpus holds prompts a children's workshop must refuse (unsafe.txt) and ordinary ones, many of them
hard (benign.txt), one `category | trick | language | prompt` a line, written as children of 4-14 type.
Each prompt belongs to the tuning half or the held-out half by the first byte of the SHA-256 of its text
(even: tuning), fixed before the guard was tuned. Two more sets were written later, each in new words and
situations, before a round of tuning:
- "fresh" (fresh_unsafe.txt, fresh_benign.txt), written before the second round. It measured the second
  round untouched; since the third round it is used for tuning like the tuning half (its misses are printed).
- "fresh2" (fresh2_unsafe.txt, fresh2_benign.txt), written before the third round. It measured the third
  round untouched; since the fourth round it is used for tuning too (its misses are printed).
- "fresh3" (fresh3_unsafe.txt, fresh3_benign.txt), written before the fourth round, weighted toward the
  kinds the guard was weakest on (horror in realistic style, animal cruelty, euphemisms, violence told as
  its result, hate slogans). It measured the fourth round untouched; since the fifth round it is used for
  tuning too (its misses are printed).
- "fresh4" (fresh4_unsafe.txt, fresh4_benign.txt), written before the fifth round in new wording (SMS and
  phonetic spelling, slang, household objects turned against animals, body horror, exclusion slogans,
  group insults, games, sports, places). It measured the fifth round untouched; since the sixth round it is
  used for tuning too (its misses are printed).
- "fresh5" (fresh5_unsafe.txt, fresh5_benign.txt), written before the sixth round in new wording (euphemisms
  for drugs, explosives and killing, harm at a distance in run-on sentences, medicine, fairy tales, places,
  games, cooking, sport, nature and history in their harmless senses), measured once with the rules as they
  stood, and never tuned on. Never tune on it, nor on the held-out half.
- "tuning5" (tuning5_unsafe.txt, tuning5_benign.txt): examples written during the fifth round from the
  issue's descriptions of the kinds the held-out half was short on; always counted in the tuning half.
- "tuning6" (tuning6_unsafe.txt, tuning6_benign.txt): the sixth round's examples, written from the issue's
  descriptions of violence and near the round's new rules; always counted in the tuning half.
- "tuning7" (tuning7_unsafe.txt, tuning7_benign.txt): the seventh round's examples (howling and screaming,
  creatures that drink blood, naked animals, hurting oneself told in the first person, accidents), written
  from the issue's descriptions; always counted in the tuning half.
- "fresh6" (fresh6_unsafe.txt, fresh6_benign.txt), written before the eighth round, before that round's
  rules were read, in new situations and words (scenes told as a story, run-on sentences, euphemisms, SMS,
  roster first names, animal cruelty, self-harm, public figures; hard benign: places, cooking, history
  homework, sports, school anatomy, hunting animals, fairy tales, pirates). It is cut in two by the first
  byte of the SHA-256 of each prompt's text (even: "fresh6a"), fixed before it was first measured:
  "fresh6a" is tuning material (its misses are printed), "fresh6b" is never tuned on.
- "tuning8" (tuning8_unsafe.txt, tuning8_benign.txt, when present): the eighth round's examples, written from
  the issue's descriptions; always counted in the tuning half.
- "tuning9" (tuning9_unsafe.txt, tuning9_benign.txt): the ninth round's examples (mockery of a child named in
  the text but not on the roster; first names and tale characters near mockery words in harmless senses),
  written from the issue's descriptions; always counted in the tuning half.
- "fresh7" (fresh7_unsafe.txt, fresh7_benign.txt), written before the tenth round from the issue's descriptions
  only, before that round's rules were changed and without reading any set's misses, in new sentence shapes
  (questions, first person, very short and very long run-on sentences, scenes told as a story, SMS, typos,
  euphemisms; hard benign: animals and their predators, hunting and fishing, fairy tales, pirates and knights,
  cooking, history homework, sport, school anatomy and health, places, games, Halloween). Cut in two like fresh6
  by the first byte of the SHA-256 of each prompt's text (even: "fresh7a"), fixed before it was first measured:
  "fresh7a" is tuning material (its misses are printed), "fresh7b" is never tuned on.
- "fresh8" (fresh8_unsafe.txt, fresh8_benign.txt), written before the eleventh round from the issue's descriptions
  only, before that round's rules were changed and without reading any set's misses, the way children and teens
  type (SMS spelling, no accents, typos, slang, questions, first person, very short and very long; hard benign:
  animals eating and hunting in nature films, fairy tales with wolves, witches and ogres, cooking words, sports,
  history lessons, medicine, games, places with odd names). Cut in two like fresh7 (even: "fresh8a", tuning
  material; "fresh8b" never tuned on), fixed before it was first measured.
- "fresh9" (fresh9_unsafe.txt, fresh9_benign.txt), written before the twelfth round from the issue's descriptions
  only, before that round's rules were changed, without reading the guard's code or terms and without reading any
  set's misses, in voices the older sets lack: a 6-year-old dictating (no verbs), a 13-year-old joking (irony,
  memes, « ptdr »), comic-panel scene descriptions, speech-bubble lines, story plots, questions to the machine,
  run-on sentences, with every trick (SMS, phonetic, typos, split letters, inflections, euphemisms, roster first
  names); hard benign: double meanings, fairy tales and legends, predators, cooking, school medicine and anatomy,
  history, sport, games, places with odd names, words from other languages. Cut in two like fresh8 (even:
  "fresh9a", tuning material; "fresh9b" never tuned on), fixed before it was first measured.
- "fresh10" (fresh10_unsafe.txt, fresh10_benign.txt), written before the thirteenth round from the issue's
  descriptions only, before that round's rules were changed, without reading the guard's code or terms and without
  reading any set's misses, in voices the older sets lack: a librarian typing for a group, parents helping,
  teenagers' slang of 2026, regional French (Belgian, Swiss, Québécois, Southern), children's spelling of long
  words, mixed FR/EN gaming talk, comics of school life; weighted toward animal cruelty, drugs, harassment, sexual
  content, violence and public figures; hard benign: museum art (nudes, statues, battle paintings), religion and
  festivals, medicine and the body, brand and film names, place and family names with rude-looking letters,
  regional dishes, double meanings. Cut in two like fresh9 (even: "fresh10a", tuning material; "fresh10b" never
  tuned on), fixed before it was first measured.
- "fresh11" (fresh11_unsafe.txt, fresh11_benign.txt), written before the fourteenth round from the issue's
  descriptions only, before that round's rules were changed, without reading the guard's code or terms and without
  reading any set's misses, in voices the older sets lack: keyword lists in the style of online image prompts, dreams
  and nightmares in the first person, role play given to the machine, literary French, verlan, emojis standing for
  words, past, future and conditional tenses and the passive, nouns made from verbs, one harmful clause buried in a
  long harmless scene, step-by-step instructions, text for signs and T-shirts, British children's slang; hard benign:
  the same long scenes without the harmful clause, literature and myths, school science, places with rude-looking
  names, double meanings. Cut in two like fresh10 (even: "fresh11a", tuning material; "fresh11b" never tuned on),
  fixed before it was first measured.
- "fresh12" (fresh12_unsafe.txt, fresh12_benign.txt), written before the fifteenth round from the issue's
  descriptions only, before that round's rules were changed, without reading the guard's code or terms and without
  reading any set's misses, in voices the older sets lack: children of 6-14 as they really type, teenagers, parents
  typing for a child, dreams, role play, questions (« combien de temps peut... »), euphemisms, insults aimed at
  « tu » / "you" or a first name, harm to animals in plain verbs, drugs in slang, self-harm in indirect words; hard
  benign: hunting, fishing, cooking, fairy tales, sports, history lessons, anatomy, places and brands, praise aimed
  at « tu ». Cut in two like fresh11 (even: "fresh12a", tuning material; "fresh12b" never tuned on), fixed before
  it was first measured.
- "fresh13" (fresh13_unsafe.txt, fresh13_benign.txt), written before the sixteenth round from the issue's
  descriptions only, before that round's rules were changed, without reading the guard's code or terms and without
  reading any set's misses, in voices the older sets lack: diaries, rhymes, headlines, edits asked of a drawn
  picture, sequels, captions, prop lists, "what if" questions, art directions, grandparents and facilitators typing
  for a child; weighted to animal cruelty, drugs, self-harm and harassment; hard benign: hunting, fishing, cooking,
  fairy tales and myths, medicine, sports, history, places, brands and names. Cut in two like fresh12 (even:
  "fresh13a", tuning material; "fresh13b" never tuned on), fixed before it was first measured.
- "fresh14" (fresh14_unsafe.txt, fresh14_benign.txt), written before the seventeenth round from the issue's
  descriptions only, before that round's rules were changed, without reading the guard's code or terms and without
  reading any set's misses, in voices the older sets lack: a 7-year-old dictating, a 13-year-old texting, a parent
  and a teacher typing; weighted to animal cruelty, self-harm, drugs and harassment of a named child; hard benign:
  hunting, fishing, cooking, medicine and the vet, sports, history and war at school, fairy tales, pets' care,
  places, brands and names. Cut in two like fresh13 (even: "fresh14a", tuning material; "fresh14b" never tuned on),
  fixed before it was first measured.
- "fresh15" (fresh15_unsafe.txt, fresh15_benign.txt), written before the eighteenth round from the issue's
  descriptions only, before that round's rules were changed, without reading the guard's code or terms and without
  reading any set's misses, in voices the older sets lack: a 6-year-old dictating, a 10-year-old on a tablet with no
  accents, a 14-year-old gamer, a grandparent; weighted to animal cruelty (harmful food given to pets, farm animals
  starved or beaten, insects and frogs tortured, fireworks), self-harm, a named child threatened or mocked, emoji
  threats, real terrorists and dictators as heroes; hard benign: the vet and the surgeon, a cook killing a fish,
  predators, big-game fishing, hunting told without a hunting word, rare steak, biology, WWII planes, ogres, places.
  Cut in two like fresh14 (even: "fresh15a", tuning material; "fresh15b" never tuned on), fixed before it was first
  measured.
- "fresh16" (fresh16_unsafe.txt, fresh16_benign.txt), written before the nineteenth round from the issue's
  descriptions only, before that round's rules were changed, without reading the guard's code or terms and without
  reading any set's misses, in voices the older sets lack: a 7-year-old dictating, an 11-year-old texting in SMS
  spelling, a 13-year-old gamer, a parent, a librarian preparing a history or science workshop; unsafe side weighted
  to self-harm said indirectly, emoji threats, mockery of a child's family, idiom threats, sexual euphemisms and drug
  slang; benign side weighted to what a guard refuses wrongly (history taught: wars, executions, slavery, the
  Holocaust; butchery, medicine and the body, nature films, martial arts, family banter, pets that died, gentle
  Halloween, place and people names). Cut in two like fresh15 (even: "fresh16a", tuning material; "fresh16b" never
  tuned on), fixed before it was first measured.
- "fresh17" (fresh17_unsafe.txt, fresh17_benign.txt), written before the twentieth round from the issue's
  descriptions only, before that round's rules were changed, without reading the guard's code or terms and without
  reading any set's misses, in the voices of fresh16 (a 7-year-old dictating, an 11-year-old texting with no accents
  and SMS spelling, a 13-year-old gamer, a parent, a librarian preparing a workshop); unsafe side weighted to
  self-harm said indirectly, emoji-only threats and drug references, idiom threats, harm told with no harm word (an
  animal shut in a hot car, a small child hit by older ones while filmed) and hate numerals with a symbol; benign side
  weighted to pets that died told kindly, medicine and the body (blood tests, insulin, puberty, vaccines), Halloween
  costumes and horror-lite sweets, history's weapons and events, sport idioms, cooking and butchery, place names that
  hold a word and "dying to" idioms. Cut in two like fresh16 (even: "fresh17a", tuning material; "fresh17b" never
  tuned on), fixed before it was first measured.
- "fresh18" (fresh18_unsafe.txt, fresh18_benign.txt), written before the twenty-first round from the issue's
  descriptions and that round's list of weak kinds only, before that round's rules were changed, without reading the
  guard's code or terms and without reading any set's misses, in new sentences in the voices of fresh17; unsafe side
  weighted to self-harm said with no self-harm word (never waking up, a goodbye letter, giving one's things away, "no
  respawn", emoji), cruelty to an animal with no cruel word (shut in, deprived, an experiment "to see"), emoji-only
  drugs and threats, a child held down while filmed, death threats in SMS spelling, a classmate's family mocked;
  benign side weighted to cooking and butchery (a fish's head cut off, a rabbit skinned, a pig killed at the farm),
  the vet and the doctor (an old pet put to sleep, a blood test's prick), place names that hold a word, sport's famous
  moments, sailors' knots and the harmless twins of the unsafe side (a goodbye card, toys given away, a cat asleep in a
  box in the sun, a science experiment, campfire and medicine emoji). Cut in two like fresh17 (even: "fresh18a",
  tuning material; "fresh18b" never tuned on), fixed before it was first measured.
- "fresh19" (fresh19_unsafe.txt, fresh19_benign.txt), written before the twenty-second round from the issue's
  descriptions and the ground the last outside tester found open (kinds, not their words) only, before any rule file
  was opened and without reading any set's misses, in five voices (a 6-year-old dictating, a 10-year-old in SMS
  spelling, a teen, a parent, a facilitator); unsafe side weighted to grooming (an adult or a stranger asking a child
  for a photo, an address, a school or a secret meeting), a child running away or hiding from the parents at night,
  how-to for theft, shoplifting and breaking in without being caught (categories "grooming", "runaway", "theft" in
  the corpus; the guard refuses them as sexual, self_harm and violence), a named classmate shut out with the insult
  several words after the name, animal cruelty with no cruel word, drugs (syrup, gas, pills, emoji), sexual acts said
  softly and emoji-only prompts; benign side weighted to school anatomy and sex education said plainly or in
  children's words, video-game words (headshot, a sniper in a game, the boss killed), cooking (blood, lamb for Eid, a
  fish stunned), history lessons, medicine (a tourniquet, a syringe at the vet), pets in odd places, place names and
  the harmless twins of the unsafe side (a photo with the family, an address on a card to grandma, a surprise kept
  secret, a night walk with the parents, a shop game). Cut in two like fresh18 (even: "fresh19a", tuning material;
  "fresh19b" never tuned on), fixed before it was first measured.
- "fresh20" (fresh20_unsafe.txt, fresh20_benign.txt), written before the twenty-third round from the issue's
  descriptions and the kinds the last round left open (kinds, not their words) only, before any rule file of that
  round was opened and without reading any set's misses, in the five voices of fresh19; unsafe side weighted to
  grooming without the words secret or gift (an adult asking a child to come alone, to send a picture "just for me",
  to add them on another app, to get in a car), a runaway in heavy SMS spelling, emoji-only or emoji-heavy unsafe
  prompts of every category and sexual acts said softly; benign side weighted to where a false block hurts a library
  most: children's words for the body in a school or doctor's frame (« zizi », « zézette », « foufoune » asked about by
  a 6-year-old), sex education and health (STIs, periods, puberty, vaccines), history lessons with war and genocide
  words, the vet and medicine (a syringe, the cat's injection), video-game and sport words, cooking, harmless emoji
  and the harmless twins of the unsafe side (a photo for grandma, a trip by train with a parent, hide and seek). Cut
  in two like fresh19 (even: "fresh20a", tuning material; "fresh20b" never tuned on), fixed before it was first
  measured.
- "fresh21" (fresh21_unsafe.txt, fresh21_benign.txt), written before the twenty-fourth round from the issue's
  descriptions and the kinds the last round left open (kinds, not their words) only, before any rule file of that
  round was opened and without reading any set's misses, in five voices (a 5-year-old dictated by a parent, a
  9-year-old with no accents and heavy typos, a 12-year-old in SMS spelling, a teen gamer, a facilitator typing for a
  group); unsafe side weighted to grooming in SMS spelling without the words secret or gift (a photo, a webcam,
  another app, coming alone, meeting up), watching or filming someone in a bathroom or a bedroom (corpus category
  "voyeurism", refused as sexual), a child running away or being taken ("runaway", "abduction": self_harm and
  violence), emoji-only or emoji-heavy unsafe prompts and sexual acts said softly; benign side weighted to where a
  false block hurts a library most: children's words for anatomy in a school or doctor frame, puberty and health
  posters (periods, wet dreams, STIs, vaccines, drugs and alcohol prevention), history lessons with war words (D-Day,
  genocide, camps, the Resistance, the guillotine), places and things with rude-looking words (a mooring bollard,
  Pornic, Bitche, Condom, Montcuq), sport, video games, cooking, the vet, harmless emoji and the harmless twins of
  the unsafe side (a photo for grandma, a bath for the dog, a night walk with dad). Cut in two like fresh20 (even:
  "fresh21a", tuning material; "fresh21b" never tuned on), fixed before it was first measured.
- "fresh22" (fresh22_unsafe.txt, fresh22_benign.txt), written before the twenty-fifth round from the issue's
  descriptions and the kinds the last round left open (kinds, not their words) only, before any rule file of that
  round was opened and without reading any set's misses, in the five voices of fresh21; unsafe side weighted to an
  adult luring a child in heavy SMS spelling (« t seul ? », « jpeu venir », « ta adresse », « alume ta cam », « on se
  voi ou »), a child running away or hiding from the parents, emoji-heavy sexual or violent prompts, self-harm with an
  everyday school or home object (a compass, a sharpener's blade, a belt, an iron) and a weapon brought to school to
  hurt someone; benign side weighted to where a false block hurts a library most: biology and health diagrams with
  the reproductive organs named properly, prevention posters that name the danger (nude photos, harassment, drugs,
  strangers), 20th-century history (the Cold War and its missiles, Oradour, Hiroshima, the Shoah taught to pupils),
  sport slang (« frappe de malade », « il l'a tué au sprint »), fencing, martial arts, cooking verbs (découper,
  trancher, désosser), feelings said with exaggeration (« jvais mourir de rire »), pirates, tales (the emperor's new
  clothes, Bluebeard, Little Red Riding Hood), places (a mooring bollard, Condom, Montcuq) and the harmless twins of
  the unsafe side (hide and seek, grandma asking for the address, a video call with grandma, school stationery). Cut
  in two like fresh21 (even: "fresh22a", tuning material; "fresh22b" never tuned on), fixed before it was first
  measured.
- "fresh23" (fresh23_unsafe.txt, fresh23_benign.txt), written before the twenty-sixth round from the issue's
  descriptions and the kinds the last round left open (kinds, not their words) only, before any rule file of that
  round was opened and without reading any set's misses, in the five voices of fresh21; unsafe side weighted to an
  adult luring a child with no child word in the prompt (told plainly, in a 5-year-old's voice or in emoji), a child
  running away in every form (« fugue », leaving home without telling, "run away and live in the woods"), sexual acts
  in SMS spelling, filming under a skirt or in a changing room, self-harm with scissors, a compass or a sharpener's
  blade, hate symbols as emoji on a wall, an axe or a knife in a school corridor and a named classmate bullied in
  gamer slang; benign side weighted to where a false block hurts a library most: picture dictionaries and word games
  (« les gros mots » as a theme), prevention posters (alcohol, tobacco, screens), sport slang in both languages
  (« défoncer la défense », "my team is gonna kill me"), cooking (« désosser », a syrup « cul sec », « flamber »), tales
  and myths (Bluebeard, Medusa, the Minotaur), history lessons, school anatomy, hunting and fishing, animals' names
  that sound rude (a blue-footed booby, a great tit), towns (Bitche, Condom, Trécon, Sexey-les-Bois) and the harmless
  twins of the unsafe side (a sleepover with the parents' OK, camping with dad, scissors for crafts, a Bach fugue).
  Cut in two like fresh22 (even: "fresh23a", tuning material; "fresh23b" never tuned on), fixed before it was first
  measured.
- "fresh24" (fresh24_unsafe.txt, fresh24_benign.txt), written before the twenty-seventh round from the issue's
  descriptions and the kinds the last round left open (kinds, not their words) only, before any rule file of that
  round was opened and without reading any set's misses, in the five voices of fresh21; unsafe side weighted to
  running away said in slang verbs (« se barrer », « se casser », « me tirer de chez moi », "bounce from home"), hate
  written only as symbols or emoji (the swastika 卐, a religion's symbol crossed out, a monkey emoji beside a person),
  a child touching themselves or others told in SMS spelling, a lure told as the child's own story (« le papa de mon
  copain veut jouer à un jeu secret dans sa chambre »), photos asked in a swimsuit, gamer-slang harassment of a named
  player ("ez", "ratio", « éclaté au sol ») and a small child hit while filmed; benign side weighted to where a false
  block hurts a library most: prevention posters that name the danger (alcohol, tobacco, vaping, drugs, screens,
  harassment), sport slang in both languages ("sniper shot", « il l'a fumé au sprint »), game-meat and farm cooking
  (a rabbit cut up for the civet, a chicken plucked), tales and myths (Bluebeard, the Ogre, Hansel and Gretel, Cronus),
  the body at school (blood circulation, digestion, puberty leaflets), a child's innocent secret (a surprise for a
  parent, a sweet from the baker) and the harmless twins of the unsafe side (a swimsuit at the beach with the family,
  leaving for holidays with the parents, a religious festival, a grandparent's hug). Cut in two like fresh23 (even:
  "fresh24a", tuning material; "fresh24b" never tuned on), fixed before it was first measured.
- "fresh25" (fresh25_unsafe.txt, fresh25_benign.txt), written before the twenty-eighth round from the issue's
  descriptions and the kinds the last round left open (kinds, not their words) only, before any rule file of that
  round was opened and without reading any set's misses, in the five voices of fresh21; unsafe side weighted to a lure
  told as the child's own story (a family friend, a coach, a neighbour, an online « friend »: a secret game, a room, a
  gift, "don't tell"), touching told in SMS or a child's words (corpus category "touching"), hate written as emoji or
  symbols next to a person (a monkey and a banana, a pig, a rat), cruelty to a small child or an animal filmed for fun
  (pushed into a pool, shut in a car boot, a dryer, a freezer: "cruelty"), running away told with a city (« jme tire a
  paris ») and an adult asking a child to meet alone ("meeting"); benign side weighted to where a false block hurts a
  library most: prevention posters that show the danger (a joint held out and refused, a cigarette crossed out for
  grandpa, a bottle with "don't drink and drive"), fishing and farm cooking (gutting a trout, plucking, the farm's
  pig), tales read aloud (the Ogre's knife, the wolf eating the grandmother, Bluebeard's room), the body at school
  (« pourquoi on a du sang rouge », vaccines, a scraped knee), history lessons that name what they teach (a swastika
  on a WWII poster in a museum, « les nazis ont envahi la Pologne », slavery, the Holocaust), gamer talk aimed at no
  named person ("gamer") and the harmless twins of the unsafe side (a coach's medals with the parents there, a family
  trip to a city, a pool with a lifeguard, a cat on warm laundry, monkeys at the zoo). Cut in two like fresh24 (even:
  "fresh25a", tuning material; "fresh25b" never tuned on), fixed before it was first measured.
- "fresh26" (fresh26_unsafe.txt, fresh26_benign.txt), written before the twenty-ninth round from the issue's
  descriptions and the kinds an independent review found open (kinds, not their words) only, before any rule file of
  that round was opened and without reading any set's misses, in the five voices of fresh21; unsafe side weighted to
  a realistic photo of a child or a classmate asked "just for me" (in the bath, in bed, shirtless: corpus category
  "photo", refused as sexual), a lure in the child's own words with an adult's age, an app, gifts, game currency, a
  video call or an address given ("grooming"), self-harm in slang (« sh », « me tp au ciel », « en finir », hidden
  cuts, vomiting to be thin), a child tied, abandoned or humiliated "for a joke" and filmed, online challenges by their
  names ("cruelty"), running away with a city and money taken ("runaway"), sexual euphemisms (« des choses avec un
  grand monsieur », « trucs de grands », « coquin », "hot"), hate as denial or praise (Holocaust denial, « refaire
  39-45 », slavery praised, a yellow star put on a classmate, a race "the best"), gamer talk aimed at a named child
  (rekt irl, a raid at the school gate: "harassment") and inhalants and medicine « pour planer »; benign side weighted
  to prevention and anti-hate posters that name the danger (« contre », « non à », « pas pour les enfants »), history
  that names the Nazis, the KKK, the deportation of Jewish children, Nuremberg, sport and games with a named child
  (« a défoncé son record », « une vraie tueuse », the Among Us impostor), adult drinks at a family meal ("fam"),
  tales, words whose harmless sense shares a word with the unsafe side (a glider that « plane », a Bach fugue), the
  body, cooking and the harmless twins of the unsafe side (a secret present, a video call with grandma). Cut in two
  like fresh25 (even: "fresh26a", tuning material; "fresh26b" never tuned on), fixed before it was first measured.
- "fresh27" (fresh27_unsafe.txt, fresh27_benign.txt), written before the thirtieth round from the issue's
  descriptions and the kinds still weakest on the never-tuned sets (kinds, not their words) only, before any rule file
  of that round was opened and without reading any set's misses, in five voices (a 6-8-year-old in phonetic spelling, a
  10-14-year-old in SMS spelling, a teen in slang, a parent, a facilitator); unsafe side weighted to an adult met online
  told by the child as a nice story (an age, an app, gifts, game currency, a secret, "don't tell", a meeting, a video
  call, pictures asked: "grooming", refused as sexual), running away with a city, a train, money taken and "no one will
  find me" ("runaway": self_harm), a child hurt, shut in or humiliated "for a joke" and filmed or posted ("cruelty":
  violence), a named classmate harassed without violent words (left out of every game, a group chat to mock, a fake
  account, a rumour, "everyone hates"), a realistic photo of a real child asked privately ("photo") and hate as denial,
  praise or a call to act; benign side weighted to where the false blocks were still high: prevention and anti-hate
  posters that name the danger, history lessons that name the Nazis, the camps, slavery, the KKK or apartheid to teach
  or condemn, sport and games with a named child and violent gamer verbs used for a score ("sports", "gamer"), tales
  with ogres, wolves and witches, family meals ("fam"), the body at the doctor and the harmless twins of the unsafe
  side (a train trip with a parent, a video call with grandpa, a class group chat for homework). Cut in two like fresh26
  (even: "fresh27a", tuning material; "fresh27b" never tuned on), fixed before it was first measured.
- "fresh28" (fresh28_unsafe.txt, fresh28_benign.txt), written before the thirty-second round from the issue's
  descriptions and the kinds still weakest on the never-tuned sets (kinds, not their words) only, before any rule file
  of that round was opened and without reading any set's misses, in the five voices of fresh27; unsafe side weighted to
  grooming told as a story or a message with no act named (an adult's age, "special", "our secret", "your parents
  don't understand", chats erased: "grooming", refused as sexual), running away told as an adventure ("runaway":
  self_harm), child nudity said indirectly (skinny dipping, a locker room, changing rooms, a shower after swimming:
  "child_nudity", refused as sexual), self-harm in slang ("sh aesthetic", "stop existing", « disparaître pour de
  bon »), a group called rubbish or vermin ("hate") and a named classmate mocked; benign side weighted to where the
  false blocks were still high: real places and surnames with odd-looking names ("places"), banter with violent or
  explosive words ("killer dance move", "da bomb", « une tuerie »: "banter"), prevention posters that name the
  cigarette, the drug, the pistol or the knife, shorn sheep « tout nus » ("animals"), champagne, wine or a cigar at a
  family party ("fam") and the harmless twins of the unsafe side (a coach's praise before the team, an adventure with
  the parents, an empty changing room, a stain gone « pour de bon », a bin for sorting rubbish). Cut in two like
  fresh27 (even: "fresh28a", tuning material; "fresh28b" never tuned on), fixed before it was first measured.
- "fresh29" (fresh29_unsafe.txt, fresh29_benign.txt), written before the thirty-third round from the issue's
  descriptions of the kinds left open by the thirty-second round (kinds, not their words) only, before any rule file of
  that round was opened and without reading any set's misses, in the five voices of fresh28; unsafe side weighted to a
  child's age written compactly (« 10yo », « 10 y/o », « 10yrs », « 10ans », « 10 a », "a 9-yr-old") in grooming,
  sexual scenes, child nudity and a realistic photo of a child, a real child's class or school photo asked in a
  swimsuit, undressed or with a realistic body ("photo"), a prevention-looking frame turned to praise or show the harm
  (« c'est nul... mais », "jk") and crude insults aimed at a named child or a group; benign side weighted to compact
  ages in harmless prompts (a birthday cake « pour mes 10ans », "a 9yo's birthday party", a 7yo learning to swim in
  cartoon style: "ages"), class photos in costumes, pyjamas, sports kit or realistic in front of the school
  ("class_photo"), swimsuits on an adult's holiday postcard, a fashion sketch or a beach-safety poster ("swimsuit"),
  prevention posters that say the harm with a crude word (« la drogue c'est de la merde », « fumer c'est nul et ça
  pue »: "prevention") and posters against adults asking children for photos. Cut in two like fresh28 (even:
  "fresh29a", tuning material; "fresh29b" never tuned on), fixed before it was first measured.
- "fresh30" (fresh30_unsafe.txt, fresh30_benign.txt), written before the thirty-fourth round from the issue's
  descriptions (kinds, not their words) only, before any rule file of that round was opened and without reading any
  set's misses, in the five voices of fresh29; unsafe side spread over every kind: a named classmate mocked (feminine
  and plural forms, split letters), self-harm said in plain words, a harm act and its target told without a listed
  word, realistic horror, real public figures degraded, sexual content and child nudity in euphemisms, grooming, drugs
  and weapons in slang, animal cruelty with household objects and hate aimed at a group; benign side weighted to their
  harmless twins: real places whose names hold crude-looking letters ("places"), double meanings ("words"), the body
  at school ("anatomy"), animals with odd names, cooking, history lessons, sport and gamer talk, a named classmate
  spoken of kindly ("twins"), crude banter about a thing ("banter"), prevention posters, tales and family life. Cut in
  two like fresh29 (even: "fresh30a", tuning material; "fresh30b" never tuned on), fixed before it was first measured.
- "fresh31" (fresh31_unsafe.txt, fresh31_benign.txt), written before the thirty-fifth round from the issue's
  descriptions (kinds, not their words) only, before any rule file of that round was opened and without reading any
  set's misses, in the voices of fresh30; unsafe side spread over every kind: a named classmate mocked (feminine and
  plural forms, split letters, a pair or a class group), self-harm in plain words and slang, a harm act and its target
  told without a listed word, realistic horror, real public figures degraded with misspelt names, sexual content and
  child nudity in euphemisms, grooming told softly, drugs and weapons in slang, animal cruelty with household objects,
  hate aimed at a group and running away to meet someone met online; benign side weighted to their harmless twins:
  real places with crude-looking names ("places"), double meanings ("words"), the body at school ("anatomy"), animals
  with odd names, cooking, history lessons, sport and gamer talk, a named classmate spoken of kindly ("twins"), crude
  banter about a thing ("banter"), prevention posters, tales, family life and feelings. Cut in two like fresh30 (even:
  "fresh31a", tuning material; "fresh31b" never tuned on), fixed before it was first measured.
- "fresh32" (fresh32_unsafe.txt, fresh32_benign.txt), written before the thirty-sixth round from the issue's
  descriptions (kinds, not their words) only, before any rule file of that round was opened and without reading any
  set's misses, in the voices of fresh31 and in new wordings; unsafe side spread over every kind (a roster first name
  mocked in feminine and plural forms, self-harm in euphemisms, a harm act and its target in plain words, realistic
  horror, public figures degraded, sexual acts and child nudity without explicit words, grooming and secrets, drugs,
  animal cruelty, hate aimed at a group); benign side weighted to their harmless twins like fresh31. Cut in two like
  fresh31 (even: "fresh32a", tuning material; "fresh32b" never tuned on), fixed before it was first measured. Its
  two sides were written apart, each without the other: 125 unsafe, 106 benign.
- "fresh33" (fresh33_unsafe.txt, fresh33_benign.txt), written before the thirty-seventh round from the issue's
  descriptions (kinds, not their words) only, without opening any rule file or reading any set's prompts or misses
  (only fresh32's header, for the format), its two sides apart, each without the other, in the voices of fresh32 plus
  adults and parents; unsafe side over every kind with weapons at school and running away to meet someone met online
  as categories of their own, and tricks beside the voices (euphemism, split letters, leetspeak, a story told by a
  child, harm framed as a joke); benign side weighted to the harmless twins, half of it real places with crude-looking
  names and double meanings. Cut in two like fresh32 (even: "fresh33a", tuning material; "fresh33b" never tuned on),
  fixed before it was first measured: 165 unsafe, 224 benign.
- "review3" (review3_unsafe.txt, review3_benign.txt, review3_roster.txt): 517 prompts written outside the project by
  an independent reviewer (250 to refuse, 267 to allow), checked by them with their own workshop roster, which the
  bench passes to the guard for this set instead of roster.txt. Converted to the corpus format with one coarse
  category a line from the blocks the reviewer wrote it in (unsafe: hate, harassment, grooming, runaway, cruelty,
  drugs, sexual, photo, self_harm; benign: history, prevention, tales, cooking, sport_games, twins, body). Never
  tuned on: measured before the twenty-ninth and the thirtieth rounds' rules were changed and after they were frozen,
  nothing else.
- "review4" (review4_unsafe.txt, review4_benign.txt, review4_roster.txt): 568 prompts written outside the project by
  a fourth independent reviewer (277 to refuse, 291 to allow) who read none of the guard's code, rules or corpora and
  never ran it, for a workshop roster of their own. Categories from the reviewer's blocks (unsafe: sexual,
  child_nudity, photo, grooming, self_harm, runaway, harassment, cruelty, drugs, weapons, hate, hate_denial, gore;
  benign: history, prevention, tales, death_in_stories, sport_games, cooking, fam, secrets, twins, feelings, animals,
  body). Never tuned on until the thirtieth round was frozen: measured before that round's rules were changed and after
  (62.1 -> 63.5 % blocked, 4.5 -> 4.5 % false blocks, rules alone), those figures kept in bench/out; since the
  thirty-first round it is tuning material like fresh27a (its misses are printed), the first independent reviewer's
  text tuned on. "review3", "review5", the "<set>b" halves, "held-out" and "fresh5" stay never tuned on.
- "review5" (review5_unsafe.txt, review5_benign.txt, review5_roster.txt): 854 prompts written outside the project by
  a fifth independent reviewer (432 to refuse, 422 to allow) who read none of the guard's code, rules or corpora and
  never ran it, for a workshop roster of their own, from a list of kinds and tricks (violence, self-harm, sexual,
  child nudity, grooming, harassment of a named child, hate, drugs, gore, animal cruelty, weapons, public figures,
  a photo of a real child, running away; benign: places, double meanings, school, history, prevention, tales,
  sport and games, feelings, animals, family, a named child spoken of kindly), with the reviewer's own category a
  line. Never tuned on: measured before the thirty-first round's rules were changed and after they were frozen.
Only the tuning half's, the fresh ... fresh4 sets', fresh6a's ... fresh33a's and review4's misses are printed unless
`--held-out-misses`, `--fresh5-misses`, `--fresh<N>b-misses` (N = 6 ... 33), `--review3-misses` or
`--review5-misses` is given (for the closing report, never for tuning). `--sets fresh18 ...` checks only the named
sets ("" for the first corpus, "tuning5" ..., "fresh" ... "fresh33", "review3", "review4", "review5"), for a first
measure of a new set while the machine is shared; `--halves fresh26a fresh25b review3 ...` keeps only the named
halves of those sets.

Figures: blocked % of the unsafe prompts and false-block % of the benign ones, per set, by category
and by trick, and the guard's time per prompt (ms, median and 95th percentile of each prompt checked
alone, with the load average, as the machine is shared). Every prompt is checked as it would be in a
French workshop (interface language "fr"), with the workshop roster of tests/safety/corpus/roster.txt (a review set:
its own <set>_roster.txt).
`--model` adds the model guard when installed; `--learned` the learned layer (on in the studio since the tenth
round; without the flag the bench measures the rules alone).
"""
from __future__ import annotations

import argparse
import hashlib
import inspect
import os
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "safety" / "corpus"
HALVES = ("tuning", "held-out", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6a", "fresh6b", "fresh7a",
          "fresh7b", "fresh8a", "fresh8b", "fresh9a", "fresh9b", "fresh10a", "fresh10b",
          "fresh11a", "fresh11b", "fresh12a", "fresh12b", "fresh13a", "fresh13b", "fresh14a", "fresh14b",
          "fresh15a", "fresh15b", "fresh16a", "fresh16b", "fresh17a", "fresh17b", "fresh18a", "fresh18b",
          "fresh19a", "fresh19b", "fresh20a", "fresh20b", "fresh21a", "fresh21b",
          "fresh22a", "fresh22b", "fresh23a", "fresh23b", "fresh24a", "fresh24b", "fresh25a", "fresh25b",
          "fresh26a", "fresh26b", "fresh27a", "fresh27b", "fresh28a", "fresh28b",
          "fresh29a", "fresh29b", "fresh30a", "fresh30b", "fresh31a", "fresh31b", "fresh32a", "fresh32b",
          "fresh33a", "fresh33b", "review3", "review4", "review5")
FRESH = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10",
         "fresh11", "fresh12", "fresh13", "fresh14", "fresh15", "fresh16", "fresh17", "fresh18", "fresh19",
         "fresh20", "fresh21", "fresh22", "fresh23", "fresh24", "fresh25", "fresh26", "fresh27", "fresh28",
         "fresh29", "fresh30", "fresh31", "fresh32", "fresh33")
# written outside the project by an independent reviewer, each checked with its own roster
# (<set>_roster.txt): never tuned on, measured only before a round's rules change and after they are frozen
REVIEWS = ("review3", "review5")
# reviews measured never tuned, then frozen in figures and turned into tuning material (review4: the thirty-first round)
TUNED_REVIEWS = ("review4",)
# sets cut in two by SHA-256: "<set>a" tuning material, "<set>b" never tuned on
SPLIT = ("fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11", "fresh12", "fresh13", "fresh14", "fresh15",
         "fresh16", "fresh17", "fresh18", "fresh19", "fresh20", "fresh21", "fresh22", "fresh23", "fresh24", "fresh25",
         "fresh26", "fresh27", "fresh28", "fresh29", "fresh30", "fresh31", "fresh32", "fresh33")
# written during a round, always in the tuning half
TUNING_SETS = ("tuning5", "tuning6", "tuning7", "tuning8", "tuning9")
# halves no rule and no learned layer may be tuned or trained on: only their figures are read
NEVER_TUNED = ("held-out", "fresh5") + tuple(f"{name}b" for name in SPLIT) + REVIEWS
# halves whose misses are always printed
PRINTED = ("tuning", "fresh", "fresh2", "fresh3", "fresh4", "fresh6a", "fresh7a", "fresh8a", "fresh9a", "fresh10a",
           "fresh11a", "fresh12a", "fresh13a", "fresh14a", "fresh15a", "fresh16a", "fresh17a", "fresh18a",
           "fresh19a", "fresh20a", "fresh21a", "fresh22a", "fresh23a", "fresh24a", "fresh25a", "fresh26a",
           "fresh27a", "fresh28a", "fresh29a", "fresh30a", "fresh31a", "fresh32a", "fresh33a", "review4")


@dataclass(frozen=True)
class Prompt:
    category: str
    trick: str
    language: str  # fr, en or mix (the prompt's own words)
    text: str
    unsafe: bool
    fresh: str = ""  # "fresh" ... "fresh33" or "tuning5" ... "tuning9": a set written later

    @property
    def half(self) -> str:
        even = hashlib.sha256(self.text.encode("utf-8")).digest()[0] % 2 == 0
        if self.fresh in TUNING_SETS:
            return "tuning"
        if self.fresh in SPLIT:
            return self.fresh + ("a" if even else "b")
        if self.fresh:
            return self.fresh
        return "tuning" if even else "held-out"


def load(kind: str, fresh: str = "") -> list[Prompt]:
    """The `unsafe` or `benign` prompts of the corpus (its two hashed halves), or of a later set
    (`fresh` = one of FRESH)."""
    out = []
    name = f"{fresh}_{kind}.txt" if fresh else f"{kind}.txt"
    if fresh in TUNING_SETS and not (CORPUS / name).exists():
        return out
    for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, trick, language, text = (part.strip() for part in line.split("|", 3))
        out.append(Prompt(category, trick, language, text, kind == "unsafe", fresh))
    return out


def roster(fresh: str = "") -> list[str]:
    """The workshop's first names the guard is given: the set's own roster (`<set>_roster.txt`, the reviews)
    when it has one, else tests/safety/corpus/roster.txt."""
    own = CORPUS / f"{fresh}_roster.txt"
    lines = (own if fresh and own.exists() else CORPUS / "roster.txt").read_text(encoding="utf-8").splitlines()
    return [n.strip() for n in lines if n.strip() and not n.startswith("#")]


def _percent(hits: int, total: int) -> str:
    return f"{100 * hits / total:5.1f} % ({hits}/{total})" if total else "   -"


def table(title: str, rows: dict[str, list[bool]]) -> None:
    print(f"  {title}")
    for key in sorted(rows):
        print(f"    {key:<16} {_percent(sum(rows[key]), len(rows[key]))}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out-misses", action="store_true", help="also list the held-out half's misses")
    parser.add_argument("--fresh5-misses", action="store_true", help="also list the fresh5 set's misses")
    for name in SPLIT:
        parser.add_argument(f"--{name}b-misses", action="store_true", help=f"also list the {name}b half's misses")
    parser.add_argument("--sets", nargs="+", metavar="SET",
                        help='check only these sets ("" the first corpus, "tuning5" ..., "fresh" ... "fresh33", '
                             '"review3", "review4", "review5")')
    for name in REVIEWS:
        parser.add_argument(f"--{name}-misses", action="store_true",
                            help=f"also list the {name} set's misses (after the rules are frozen)")
    parser.add_argument("--halves", nargs="+", metavar="HALF",
                        help='of those sets, check only these halves ("fresh25a", "fresh24b", ...; see HALVES)')
    parser.add_argument("--model", action="store_true", help="add the model guard when it is installed")
    parser.add_argument("--learned", action="store_true",
                        help="add the learned layer (pipelines/safety/learned.py; without it: the rules alone)")
    parser.add_argument("--ui-language", default="fr", choices=("fr", "en"))
    args = parser.parse_args(argv)
    from pipelines.safety.prompts import check_prompt

    kwargs = {"names": roster()} if "names" in inspect.signature(check_prompt).parameters else {}
    if "model" in inspect.signature(check_prompt).parameters:
        kwargs["model"] = args.model
    if "learned_layer" in inspect.signature(check_prompt).parameters:
        kwargs["learned_layer"] = args.learned
    sets = ("",) + TUNING_SETS + FRESH + REVIEWS + TUNED_REVIEWS
    if args.sets is not None:
        unknown = set(args.sets) - set(sets)
        if unknown:
            parser.error(f"unknown sets: {sorted(unknown)}")
        sets = tuple(s for s in sets if s in args.sets)
    prompts = [p for fresh in sets for kind in ("unsafe", "benign") for p in load(kind, fresh)]
    if args.halves is not None:
        unknown = set(args.halves) - set(HALVES)
        if unknown:
            parser.error(f"unknown halves: {sorted(unknown)}")
        prompts = [p for p in prompts if p.half in args.halves]
    check_prompt("échauffement", args.ui_language, **kwargs)  # the rules file is read once, outside the timing
    verdicts, times, rosters = {}, [], {}
    for p in prompts:
        started = time.perf_counter()
        if "names" in kwargs:
            kwargs["names"] = rosters.setdefault(p.fresh, roster(p.fresh))
        verdicts[p] = check_prompt(p.text, args.ui_language, **kwargs)
        times.append(1000 * (time.perf_counter() - started))
    times.sort()
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{len(prompts)} prompts checked in {sum(times) / 1000:.2f} s: median {statistics.median(times):.2f} ms, "
          f"95th percentile {times[int(0.95 * (len(times) - 1))]:.2f} ms, slowest {times[-1]:.1f} ms a prompt "
          f"(load average {load_avg:.2f}), interface language {args.ui_language}")
    for half in HALVES:
        unsafe = [p for p in prompts if p.unsafe and p.half == half]
        benign = [p for p in prompts if not p.unsafe and p.half == half]
        blocked = [verdicts[p].blocked for p in unsafe]
        false = [verdicts[p].blocked for p in benign]
        if not unsafe and not benign:  # a set left out by --sets
            continue
        print(f"\n== {half}: blocked {_percent(sum(blocked), len(blocked))}, "
              f"false blocks {_percent(sum(false), len(false))}")
        by_cat, by_trick, fb_cat, by_lang = defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list)
        for p in unsafe:
            by_cat[p.category].append(verdicts[p].blocked)
            by_trick[p.trick].append(verdicts[p].blocked)
            by_lang[p.language].append(verdicts[p].blocked)
        for p in benign:
            fb_cat[p.category].append(verdicts[p].blocked)
        table("unsafe blocked, by category", by_cat)
        table("unsafe blocked, by trick", by_trick)
        table("unsafe blocked, by language", by_lang)
        table("benign wrongly blocked, by kind", fb_cat)
        if half in PRINTED or (half == "held-out" and args.held_out_misses) or (
                half == "fresh5" and args.fresh5_misses) or (
                half.endswith("b") and half[:-1] in SPLIT and getattr(args, f"{half}_misses")) or (
                half in REVIEWS and getattr(args, f"{half}_misses")):
            print("  misses (unsafe let through):")
            for p in unsafe:
                if not verdicts[p].blocked:
                    print(f"    [{p.category}/{p.trick}] {p.text}")
            print("  false blocks (benign refused):")
            for p in benign:
                if verdicts[p].blocked:
                    print(f"    [{p.category}] {p.text}  <- {verdicts[p].category}: {verdicts[p].matched}")
    summary(prompts, verdicts)
    return 0


def summary(prompts: list[Prompt], verdicts: dict) -> None:
    """One table, the sets side by side: blocked % by category and trick, false-block % by kind."""
    def cell(rows: list[bool]) -> str:
        return f"{100 * sum(rows) / len(rows):5.1f} %{len(rows):>4}" if rows else "      -    "

    print("\n== side by side (percent, count)")
    print(f"  {'':<34}" + "".join(f"{h:>13}" for h in HALVES))
    for label, unsafe, key in (("blocked, category", True, "category"), ("blocked, trick", True, "trick"),
                               ("false blocks, kind", False, "category")):
        keys = sorted({getattr(p, key) for p in prompts if p.unsafe == unsafe})
        for k in ["all"] + keys:
            row = []
            for half in HALVES:
                rows = [verdicts[p].blocked for p in prompts if p.unsafe == unsafe and p.half == half
                        and (k == "all" or getattr(p, key) == k)]
                row.append(cell(rows))
            print(f"  {label + ' ' + k:<34}" + "".join(f"{c:>13}" for c in row))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
