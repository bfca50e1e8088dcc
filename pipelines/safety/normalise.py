"""One normalisation of a child's sentence for the prompt guard: plain lower-case ascii words.

What it undoes, in order (each step is cheap; the whole runs in well under a millisecond):
- look-alike letters from other scripts ("а" Cyrillic, "ο" Greek, "ɡ" Latin script g) and
  compatibility forms (full-width letters, ligatures), then accents and case;
- leetspeak inside words that also hold letters ("s3x", "@ss", "k1ll"; "3 chats" stays a number);
- letters spelled one by one ("s e x", "c r o i x  g a m m é e", "t-u-e-r"): a run of three or more
  single characters is joined, and when the joined run is not one word it is also cut into the
  words of the guard's vocabulary ("estunevache" -> "est une vache");
- words cut by a hyphen or a space ("tor-ture"): the two halves are also offered joined;
- SMS and phonetic spellings ("ki" -> "qui", "jveu" -> "je veux", "g" -> "j ai", "ur" -> "your");
- emojis that stand for a word ("🔪" -> "couteau", "🩸" -> "sang", "💊" -> "pilule"; "🍆" with "💦" or "🍑" ->
  "sexe"), read as that word between spaces, so that the rules see it where the child put it; other emojis are
  read as their French CLDR name from the `emoji` package (BSD licence: "🔨" -> "marteau", "🐭" -> "tête de
  souris"), dropped without it. The hand-made table stays first: its words follow the sense children use
  ("🔫" is a « pistolet », whose CLDR name is now « pistolet à eau »; "💨" is « fumée », not « décamper »);
- screen and size figures ("4k", "8k", "1080p", "3d") stay figures, not leetspeak ("4k" is no "ak").
Repeated letters ("fuuuck") and inflections (gender, number, conjugation) are handled when matching
(`forms` and `stem`), so the words themselves stay as written.

Punctuation that ends a clause (, . ; : ? !) becomes the barrier word "|": a phrase never matches
across it.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

BARRIER = "|"

# Look-alike characters from other scripts (Cyrillic, Greek, IPA), read as the Latin letter they imitate.
_LOOKALIKE = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "ӏ": "l",
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "ω": "w", "ß": "ss", "œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d",
    "’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "‐": "-", "‑": "-",
})
# Leetspeak, applied only inside words that also contain letters.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
                       "@": "a", "$": "s", "€": "e", "!": "i", "|": "i", "+": "t", "£": "l", "¥": "y"})
_TOKEN = re.compile(r"[a-z0-9@$€!|+£¥*]+|[,.;:?!]+(?=\s|$)|-")
_CLAUSE = re.compile(r"[,.;:?!]+")

# Emojis that stand for a word children would otherwise type, read as that word (French; the rules know both
# languages). The names follow the emoji's Unicode (CLDR) name, in the sense children use it; an emoji whose
# usual sense is harmless keeps that sense ("💀" a skull, "🍆" an aubergine, "🔥" fire). Variation selectors and
# skin tones are ignored.
EMOJI_WORDS = {
    "🔪": "couteau", "🗡": "poignard", "⚔": "epees", "🔫": "pistolet", "💣": "bombe", "🧨": "explosif",
    "💥": "explosion", "🪓": "hache", "🩸": "sang", "💉": "seringue", "💊": "pilule", "🚬": "cigarette",
    "🍺": "biere", "🍻": "bieres", "🍷": "vin", "🥃": "whisky", "🍸": "cocktail", "🍾": "champagne",
    "🌿": "herbe", "🍃": "feuille", "💨": "fumee", "🍄": "champignon", "💀": "crane", "☠": "tete de mort",
    "⚰": "cercueil", "🪦": "tombe", "🖕": "doigt d honneur", "💩": "caca", "🤮": "vomi", "🤬": "gros mot",
    "😭": "pleure", "😢": "pleure", "😂": "mdr", "🤣": "mdr", "🔥": "feu", "🪢": "corde", "⛓": "chaines",
    "👊": "coup de poing", "🤛": "coup de poing", "🤜": "coup de poing", "🩹": "pansement", "🧟": "zombie",
    "🐶": "chien", "🐕": "chien", "🐱": "chat", "🐈": "chat", "🐹": "hamster", "🐰": "lapin", "🐇": "lapin",
    "🐭": "souris", "🐁": "souris", "🐦": "oiseau", "🐟": "poisson", "🐠": "poisson", "🐴": "cheval",
    "🐷": "cochon", "🐖": "cochon", "🐸": "grenouille", "🐢": "tortue", "🐍": "serpent", "🐒": "singe",
    "🐵": "singe", "🦍": "gorille", "🐄": "vache", "🏫": "ecole", "👶": "bebe", "👧": "fillette",
    "👦": "garcon", "🍆": "aubergine", "🍑": "peche", "💦": "gouttes", "👅": "langue", "🔞": "interdit aux mineurs",
    "🏳️‍🌈": "drapeau lgbt", "🌈": "arc en ciel",
    # the swastika turned as the Nazi flag has it (not the Buddhist 卍 of temples and maps)
    "卐": "croix gammee",
}
# Two emojis that together stand for a word in children's and teenagers' messages: sex ("🍆" with "💦", "🍑" or
# "👅"; "🍑" with "👅" or "💦"), cocaine (a nose with snow, salt or banknotes: "❄️👃💵"), suicide (pills and a
# coffin or a grave: "💊💊⚰️"), a death threat (a knife, a gun or an axe and a coffin, a grave or a child: "toi ⚰️🔪",
# "🔪👧").
_EMOJI_PAIRS = ((frozenset("🍆"), frozenset("💦🍑👅"), "sexe"), (frozenset("🍑"), frozenset("💦👅"), "sexe"),
                (frozenset("👃"), frozenset("❄🧂💵💸"), "cocaine"), (frozenset("💊"), frozenset("⚰🪦"), "suicide"),
                (frozenset("🔪🔫🪓"), frozenset("⚰🪦"), "te tuer"),
                (frozenset("🔪🔫🪓"), frozenset("👧👦🧒👶"), "te tuer"))
# Emojis that make a pair a decoration (a Halloween table: "🎃🔪⚰️"): no word is added.
_EMOJI_PAIR_DECOR = frozenset("🎃👻🦇🕸🕷")
_EMOJI_IGNORED = re.compile("[\ufe0f\ufe0e\U0001f3fb-\U0001f3ff]")
EMOJI_WORDS = {_EMOJI_IGNORED.sub("", e): word for e, word in EMOJI_WORDS.items()}
_EMOJI = re.compile("|".join(re.escape(e) for e in sorted(EMOJI_WORDS, key=len, reverse=True)))
# Screen and size figures written with a letter: never leetspeak.
_FIGURE = re.compile(r"\d+(?:k|p|fps|hz|d|px|mp|go|gb|mo|mb|cm|mm|km|kg|h|min|e|er|ere|eme|th|st|nd|rd)")
# Words before which "ak" is the rifle ("un ak", "the ak"); elsewhere it is the SMS spelling of "avec".
_AK_BEFORE = frozenset("un une l le la les des mon ma mes son sa ses ton ta tes leur a an the his her my your "
                       "their our with avec".split())


@functools.cache
def _emoji_module():
    """The emoji package with its French names loaded (once), or None when it is not installed."""
    try:
        import emoji
    except ImportError:
        return None
    emoji.config.load_language("fr")
    return emoji


def _cldr_name(chars: str, data: dict) -> str:
    name = data.get("fr") or data.get("en") or ""
    return " " + name.strip(":").replace("_", " ") + " " if name else " "


def read_emojis(text: str) -> str:
    """`text` with the emojis of EMOJI_WORDS replaced by their word between spaces, and the other emojis by their
    French CLDR name (emoji package; dropped without it); two emojis of a pair in the same text add the pair's word
    ("🍆" with "💦" adds "sexe", "👃" with "❄️" adds "cocaine"; see _EMOJI_PAIRS)."""
    text = _EMOJI_IGNORED.sub("", text or "")
    added = {} if set(text) & _EMOJI_PAIR_DECOR else dict.fromkeys(
        word for first, second, word in _EMOJI_PAIRS if set(text) & first and set(text) & second)
    text = _EMOJI.sub(lambda m: f" {EMOJI_WORDS[m.group(0)]} ", text)
    if any(ord(c) > 0x2000 for c in text):
        emoji = _emoji_module()
        if emoji is not None:
            text = emoji.replace_emoji(text, replace=_cldr_name)
    return "".join([text] + [f" {word}" for word in added])


# SMS and phonetic spellings children use, read as the plain words (one word -> one or more words).
SMS = {
    "ki": "qui", "ke": "que", "kil": "qu il", "kel": "quel", "koi": "quoi", "c": "c est", "cé": "c est",
    "ct": "c etait", "g": "j ai", "jai": "j ai", "jveu": "je veux", "jveux": "je veux", "jvai": "je vais",
    "jvais": "je vais", "chui": "je suis", "chuis": "je suis", "jsuis": "je suis", "ds": "dans", "dla": "de la",
    "fé": "fait", "fe": "fait", "fer": "faire", "fo": "faut", "fon": "font", "tro": "trop", "bcp": "beaucoup",
    "mé": "mais", "pa": "pas", "ya": "il y a", "ac": "avec", "avc": "avec", "vs": "vous",
    "mwa": "moi", "twa": "toi", "oci": "aussi", "couto": "couteau", "bonbe": "bombe", "envi": "envie",
    "escargo": "escargot", "escargos": "escargots",
    "fum": "fume", "clop": "clope", "clops": "clopes", "fusi": "fusil",
    "derrier": "derriere", "mourrir": "mourir", "mourire": "mourir", "vazi": "vas y",
    "u": "you", "ur": "your", "r": "are", "wanna": "want to", "gonna": "going to", "gotta": "got to",
    "gurl": "girl", "grl": "girl", "gurls": "girls", "wit": "with", "shud": "should", "m8": "mate",
    "bom": "bomb", "bome": "bomb", "tmrw": "tomorrow", "2moro": "tomorrow", "pls": "please", "plz": "please",
    "lil": "little", "im": "i am", "ima": "i am going to", "imma": "i am going to", "ppl": "people",
    "bc": "because", "cuz": "because", "coz": "because",
    # more of the same kind: French SMS, dropped letters, numbers for sounds
    "plu": "plus", "jvx": "je veux", "jvé": "je vais", "jve": "je vais", "jv": "je vais", "jpeu": "je peux",
    "jsp": "je sais pas", "r1": "rien", "dan": "dans", "pr": "pour", "pk": "pourquoi", "pq": "pourquoi",
    "tjr": "toujours", "tjrs": "toujours", "kan": "quand", "qd": "quand", "koa": "quoi", "mm": "meme", "msk": "meme",
    "tt": "tout", "ts": "tous", "bi1": "bien", "otr": "autre", "otre": "autre", "keske": "qu est ce que",
    "ske": "ce que", "avk": "avec", "frer": "frere", "soeure": "soeur",
    "wan": "want", "2nite": "tonight", "2night": "tonight", "2day": "today", "b4": "before", "til": "until",
    "till": "until", "dat": "that",
    "cos": "because", "thx": "thanks", "gunna": "going to", "kinda": "kind of", "wat": "what", "wut": "what",
    "luv": "love", "sumone": "someone", "some1": "someone", "any1": "anyone", "every1": "everyone",
    "no1": "no one", "ppls": "people", "bro": "brother", "sis": "sister",
    # round 5: French pronouns glued to the next word, "o" for "au"
    "jme": "je me", "jte": "je te", "jle": "je le", "jla": "je la", "jmet": "je mets", "jmets": "je mets",
    "o": "au", "frap": "frappe", "fraps": "frappes", "frapp": "frappe", "gar": "gars", "mor": "mort",
    "mors": "morts", "bez": "baise", "bezz": "baise", "pren": "prend", "drog": "drogue", "drogs": "drogues",
    "pik": "pique", "piq": "pique", "doin": "doing", "da": "the", "wiv": "with", "tabass": "tabasse",
    "sui": "suis", "vx": "veux", "zyeux": "yeux", "lé": "les", "vré": "vrai",
    # round 8
    "gorj": "gorge", "gorje": "gorge", "mek": "mec", "meks": "mecs",
    # round 14: verlan (syllables swapped) read as the plain word, SMS short forms
    "tepu": "pute", "tepus": "putes", "reum": "mere", "reup": "pere", "keuf": "flic", "keufs": "flics",
    "zebi": "bite", "dsu": "dessus", "dsou": "dessous", "pwal": "poil",
    # round 34: misspellings of words the guard reads in both senses, a harm and its prevention poster
    "cigaret": "cigarette", "cigarete": "cigarette", "cigarett": "cigarette", "sigarette": "cigarette",
    "sigaret": "cigarette", "cigarets": "cigarettes", "cigaretes": "cigarettes",
    "swimsute": "swimsuit", "swimsuite": "swimsuit", "swimsut": "swimsuit", "swimsoot": "swimsuit",
    "swimsutes": "swimsuits",
    # round 35: « souffler » written with one f (« le loup qui soufle la maison »), not a sound-alike of « soûler »
    "soufle": "souffle", "soufles": "souffles", "souflent": "soufflent", "soufler": "souffler", "soufla": "souffla",
}


# English objects after which the SMS "kil" is the verb "kill" ("a boy who wants to kil himself").
_EN_OBJECTS = frozenset("him her them me you it himself herself myself yourself themselves everyone everybody "
                        "people someone somebody his my your".split())


@dataclass(frozen=True)
class Normalised:
    """The sentence as words (`words`), plus extra readings offered to the single-word terms (`extra`:
    joined runs of letters and hyphenated halves), each set apart by the barrier."""

    words: tuple[str, ...]
    extra: tuple[str, ...]

    @property
    def all(self) -> list[str]:
        return list(self.words) + [BARRIER] + list(self.extra)


def plain(text: str) -> str:
    """Look-alikes, compatibility forms, accents and case removed (a str of the same words)."""
    text = unicodedata.normalize("NFKC", text or "").lower().translate(_LOOKALIKE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _deleet(word: str) -> str:
    if word.isdigit() or _FIGURE.fullmatch(word):
        return word  # plain numbers stay numbers ("3 chats"), figures stay figures ("4k", "1080p")
    return word.translate(_LEET)


def segment(run: str, vocabulary: frozenset[str], max_word: int = 14) -> list[str] | None:
    """`run` cut into vocabulary words, fewest words first (dynamic programming), or None."""
    best: list[list[str] | None] = [None] * (len(run) + 1)
    best[0] = []
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - max_word), end):
            piece = run[start:end]
            if best[start] is not None and piece in vocabulary:
                candidate = best[start] + [piece]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    return best[len(run)]


# English negations written short: "aren't" -> "are not", "can't" -> "can not", "won't" -> "will not"
_NOT = re.compile(r"\b([a-z]+)n[’']t\b")
_NOT_WHOLE = {"ca": "can", "wo": "will", "ai": "is", "sha": "shall"}


def _not(match: re.Match) -> str:
    head = match.group(1)
    return f"{_NOT_WHOLE.get(head, head)} not"


# A child's age written compactly, read as the rules write ages (a number, then « ans » or "yo"), before leetspeak
# would read its figures as letters (« 10ans » is no « ioans », "8yo" no "byo"): "10yo", "10 y/o", "9 y.o.", "10yrs",
# "a 9-yr-old" -> "10 yo"; « 10ans », « 7 an », « 10an » -> « 10 ans »; « 9a » and « 10 a » after « de », « ai », « a »
# or a possessive (« une fille de 9a », « j'ai 10 a ») -> « 9 ans », unless a figure, an article or a pronoun follows
# (« de 10 a 12 ans », « 2 a la maison »); "10years" -> "10 years".
_AGE_EN = re.compile(r"\b(\d{1,2})\s*-?\s*(?:y\s*/\s*o|y\s*\.\s*o\.?|yos?|yrs?)(?:\s*-?\s*olds?)?(?![a-z0-9])")
# round 34: a lone "y" after the number ("a 10 y girl", « une fille de 10 y ») is "yo" too, but never « y a »,
# « y est », « y compris » (« on est 10 y compris le prof »)
_AGE_Y = re.compile(r"\b(\d{1,2})\s*y(?![a-z0-9/.'’])(?!\s+(?:a|as|avait|aura|est|sont|compris|axis|axe)\b)")
_AGE_YEARS = re.compile(r"\b(\d{1,2})(years?)(?![a-z0-9])")
_AGE_FR = re.compile(r"\b(\d{1,2})\s*ans?(?![a-z0-9])")
_AGE_A = re.compile(r"\b(de|d|ai|jai|a|mes|ses|tes|sa|son|ma|mon|ta|ton|of)\s+(\d{1,2})\s*a(?![a-z0-9'])"
                    r"(?!\s*(?:\d|la\b|le\b|les\b|l\b|un\b|une\b|des\b|mon\b|ma\b|mes\b|son\b|sa\b|ses\b|ton\b|ta\b|"
                    r"tes\b|ce\b|cette\b|moi\b|toi\b|lui\b|eux\b|cote\b))")


def compact_ages(text: str) -> str:
    """`text` (plain, lower case) with a child's compactly written ages spelt as the rules read them (see _AGE_EN)."""
    text = _AGE_EN.sub(r"\1 yo", text)
    text = _AGE_Y.sub(r"\1 yo", text)
    text = _AGE_YEARS.sub(r"\1 \2", text)
    text = _AGE_FR.sub(r"\1 ans", text)
    return _AGE_A.sub(r"\1 \2 ans", text)


def normalise(text: str, vocabulary: frozenset[str] = frozenset()) -> Normalised:
    """The sentence as plain words; `vocabulary` (the guard's own words) is used to cut runs of letters."""
    text = compact_ages(_NOT.sub(_not, plain(read_emojis(text))))
    raw: list[str] = []
    tokens = _TOKEN.findall(text.replace("'", " "))
    for k, token in enumerate(tokens):
        if _FIGURE.fullmatch(token) and k + 2 < len(tokens) and tokens[k + 1] == "-" and tokens[k + 2].isdigit():
            raw.append(token.translate(_LEET))  # "4k-47" is leetspeak for the rifle, not a screen size
            continue
        if token == "-":
            raw.append("-")
        elif _CLAUSE.fullmatch(token):
            raw.append(BARRIER)
        else:
            # "!", "|", "+", "*" are letters only inside a word ("k!ll"), not at its ends ("un chat !")
            word = token.strip("!|+*")
            if token.endswith("!") and not word:
                raw.append(BARRIER)
            elif word:
                raw.append(_deleet(word))
    words: list[str] = []
    extra: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        if len(run) >= 3:
            joined = "".join(run)
            extra.append(joined)
            # "p 0 r n 0": a spaced run of letters and figures is leetspeak as a whole (a lone figure stays a number)
            if any(c.isalpha() for c in joined) and any(c.isdigit() for c in joined):
                extra.append(joined.translate(_LEET))
            # "lé a e s t u n e v a c h e": the word before may hold the first letters of the run
            if vocabulary and words and 1 < len(words[-1]) <= 3 and words[-1] != BARRIER:
                longer = segment(words[-1] + joined, vocabulary)
                if longer and len(longer) > 1:
                    extra.extend(longer + [BARRIER])
            pieces = segment(joined, vocabulary) if vocabulary else None
            if pieces and len(pieces) > 1:
                words.extend(pieces)
            else:
                words.append(joined)
            # "a n u d e lady": the run may start with a real one-letter word ("a", "y", "l")
            if joined[0] in "aylj":
                extra.append(joined[1:])
        else:
            for letter in run:  # "les noirs c tous": a lone SMS letter is a word
                words.extend(SMS.get(letter, letter).split())
        run.clear()

    previous_hyphen = False
    for word in raw:
        if word == "-":
            previous_hyphen = True
            continue
        if len(word) == 1 and (word.isalpha() or word.isdigit()):
            run.append(word)
            previous_hyphen = False
            continue
        close_run()
        if word == BARRIER:
            words.append(BARRIER)
        else:
            if previous_hyphen and words and words[-1] != BARRIER:
                extra.append(words[-1] + word)  # "tor-ture", "anti-semite"
            for piece in SMS.get(word, word).split():
                words.append(piece)
        previous_hyphen = False
    close_run()
    # "kil himself": before an English object "kil" is "kill", not the French SMS "qu il"
    for i in range(len(words) - 2):
        after = words[i + 2]
        if words[i] == "qu" and words[i + 1] == "il" and (after in _EN_OBJECTS or (
                after[:3] in ("him", "her", "mys", "you", "the") and after.endswith(("lf", "ves", "lef")))):
            words[i], words[i + 1] = "kill", BARRIER
    words = [w for i, w in enumerate(words) if not (w == BARRIER and i and words[i - 1] == "kill")]
    # "ki tu 1 chaton": after "qui", a bare "tu" is the verb "tue" (SMS drops the silent e)
    words = [("tue" if w == "tu" and i and words[i - 1] == "qui" else w) for i, w in enumerate(words)]
    # "dessine moi ak mon doudou": after a word, "ak" is the SMS "avec" unless a determiner or a number says the
    # rifle (a lone "ak", as in the rules' own terms, stays "ak")
    words = [("avec" if w == "ak" and i and words[i - 1] not in _AK_BEFORE and not (
        i + 1 < len(words) and words[i + 1][:1].isdigit()) else w) for i, w in enumerate(words)]
    words = [("un" if w == "1" and i + 1 < len(words) and words[i + 1].isalpha() else w)
             for i, w in enumerate(words)]
    return Normalised(tuple(words), tuple(extra))


def joined_halves(words: list[str], vocabulary: frozenset[str], skip: frozenset[str] = frozenset(),
                  known: frozenset[str] = frozenset()) -> list[str]:
    """A word cut by a space ("tor ture", "sui cide"): two neighbours joined, when one of them is no word
    of the vocabulary nor of `known` (ordinary words: "stone road" stays two words) and neither is in
    `skip` (function words, set-apart words)."""
    out = []
    for a, b in zip(words, words[1:]):
        if a in skip or b in skip or a == BARRIER or b == BARRIER or a.isdigit() or b.isdigit():
            continue
        if (len(a) <= 4 or len(b) <= 4) and len(a) + len(b) >= 6 and (
                (a not in vocabulary and a not in known) or (b not in vocabulary and b not in known)):
            out.append(a + b)
    return out


def phonetic(word: str) -> frozenset[str]:
    """Plain spellings a French phonetic one may stand for, for a word no list knows: "k" read "c" or "qu"
    ("konar" -> "conar", "fabrike" -> "fabrique", "klou" -> "clou"), a final "z" read "s" or "se" ("ecraz" ->
    "ecrase"), a final "ar" or "or" read with its silent "d" ("conar" -> "conard"), other silent final letters
    ("gran" -> "grand", "yeu" -> "yeux", "mor" -> "mort"). The word itself is not in the
    answer; the caller keeps the readings that are words (or one letter from one)."""
    if len(word) < 3 or not word.isalpha():
        return frozenset()
    out = {word}
    if "k" in word:
        out |= {w.replace("k", "c") for w in out} | {w.replace("k", "qu") for w in out}
    out |= {w[:-1] + end for w in out if w.endswith("z") for end in ("s", "se")}
    out |= {w + "d" for w in out if w.endswith(("ar", "or"))}
    # silent final letters dropped: "gran" -> "grand", "yeu" -> "yeux", "mor" -> "mort"
    out |= {w + end for w in list(out) if w.endswith("an") for end in ("t", "d")}
    out |= {w + "t" for w in list(out) if w.endswith(("en", "or"))}
    out |= {w + "x" for w in list(out) if w.endswith("eu")}
    out.discard(word)
    return frozenset(out)


def sounded_exact(word: str) -> frozenset[str]:
    """More spellings by sound, kept only when they are words as they stand (never read as a typo in turn, so
    that "boo" never becomes a misspelt word of the rules): "wa" read "oi" ("pwal" -> "poil", "nwar" -> "noir"),
    a final "o" read "eau", "aud" or "ot" ("crapo" -> "crapaud", "bato" -> "bateau"), a final "an" read "ent"
    ("piman" -> "piment"), a final "en" read "end" ("pen" -> "pend"), English silent letters ("nife" -> "knife",
    "skool" -> "school"). The word itself is not in the answer."""
    if len(word) < 3 or not word.isalpha():
        return frozenset()
    out = {word}
    out |= {w.replace("wa", "oi") for w in list(out) if "wa" in w}
    out |= {w[:-1] + end for w in list(out) if w.endswith("o") and len(w) >= 4 for end in ("eau", "aud", "ot")}
    out |= {w[:-2] + "ent" for w in list(out) if w.endswith("an")} | {w + "d" for w in list(out) if w.endswith("en")}
    out |= {"k" + w for w in list(out) if w.startswith("n")}
    out |= {w.replace("sk", "sch", 1) for w in list(out) if "sk" in w}
    out.discard(word)
    return frozenset(out)


def calm(word: str, keep: int) -> str:
    """Letters repeated three times or more for emphasis ('fuuuck', 'saaang') -> `keep` of them."""
    return re.sub(r"(.)\1{2,}", lambda m: m.group(1) * keep, word)


# Endings of French and English inflections (gender, number, conjugation), longest first.
_SUFFIXES = ("eraient", "issent", "erions", "aient", "erait", "erent", "eront", "ings", "ing", "ees",
             "ies", "ied", "ers", "ait", "ais", "ant", "ent", "ons", "ee", "es", "er", "ez", "ed", "e", "s", "x")


def stem(word: str) -> str:
    """A light stem for matching inflected forms: 'pendue' -> 'pendu', 'tortured' -> 'tortur',
    'poignardees' -> 'poignard'. Words of 3 letters or less are kept whole."""
    if len(word) <= 3:
        return word
    if len(word) > 4 and word[-1] in "sx":
        word = word[:-1]  # the plural first: "vetements" and "vetement" share their stem
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2]:
        word = word[:-1]  # "stabb(ed)" -> "stab", "frapp(e)" -> "frap"
    return word


def near(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance at most 1 (one letter missing, extra, wrong, or two swapped)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1:] == b[i + 1:] or (a[i:i + 2] == b[i:i + 2][::-1] and a[i + 2:] == b[i + 2:])
    if la > lb:
        return a[i + 1:] == b[i:]
    return a[i:] == b[i + 1:]
