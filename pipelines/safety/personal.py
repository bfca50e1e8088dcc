"""A child's own contact details never go onto a print or a shared page: phone numbers, home addresses, e-mails and
social accounts are refused with one kind sentence (category "personal_info"), whatever the page.

What is refused (French and English, as children type them):
- phone numbers: French ones (10 digits from 0, with spaces, dots, dashes or none; +33 / 0033), British ones (11
  digits from 0, +44), North American ones (3-3-4 digits, "(212) 555-0187"), any number of 8-13 digits from 0 or "+"
  near a word for phone or calling, and numbers said in words (« zéro six douze trente-quatre... », "oh seven seven
  double oh...");
- home addresses: a house number before a street word (« 12 rue des Lilas », « 3 bis avenue... », « 8 allée... »,
  "42 Maple Street"), a flat or a building with its number (« appart 12 », « bâtiment B » + floor or door), a French
  postcode before its town (« 44000 Nantes ») or a British postcode ("SW1A 2AA"). Street words that are also common
  words (« place », « cours », « chemin », « route », "court", "close", "way") count only with a sign of an address
  (« j'habite », « chez moi », « mon adresse », "I live", a postcode, a capitalised street name);
- e-mail addresses, typed or said (« lea point martin arobase gmail point com »);
- social accounts: « mon snap c'est ... », « mon insta @... », "add me on snap", « ajoute-moi sur Roblox »,
  a Discord tag ("name#1234");
- one's own date of birth, or one's child's: a full date with its year (« le 3 avril 2015 », « 22/09/2014 »,
  "June 3rd 2016") after « je suis né(e) », « ma fille est née », « date de naissance », "I was born", "DOB", "my
  birthday is".

What is not (decided, not missed): a town alone (« j'habite à Nantes »), a school and its class (« je suis en CM1 à
l'école Jean Moulin »: many children share them and a workshop names them on its own posters), scores, dates, times (a
birthday without its year, a year of birth alone, someone else's or a pet's birth: « Victor Hugo est né le 26 février
1802 », a dragon born in a story), prices, pages, counting (« 1 2 3 soleil », « 2 4 6 8 10 12... »), emergency numbers
(15, 18, 112), a department (« le 06 »), streets in a story without a house number (« le chat court dans la rue »).
The address or landline of a public place (a library, town hall, museum, school: the facilitator's credit on a
postcard) is let through when the sentence names the place and has no sign of a home; a mobile number never is.

Text is read normalised like the guard's (compatibility forms, case, accents, look-alike letters: `normalise.plain`),
with number words turned into figures (French and English, 0-99, "double"). The detail itself is never returned,
logged nor repeated: `find` gives its kind only.
"""
from __future__ import annotations

import re

from .normalise import plain

CATEGORY = "personal_info"  # the console counts these refusals under safety.categories.personal_info
MESSAGE_KEY = "safety.prompt.personal_info"
KINDS = ("phone", "email", "address", "account", "birthdate")

# -- numbers said in words ------------------------------------------------------------------------------------------

_UNITS = {"zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
          "neuf": 9, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "ten": 10,
          "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
          "eighteen": 18, "nineteen": 19}
_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "twenty": 20, "thirty": 30,
         "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ARTICLES = ("un", "une", "one", "oh", "double", "triple")  # alone, an article or a word: « une BD », "one day"


def _number_at(words: list[str], i: int) -> tuple[int, int] | None:
    """(value, words used) of the number said from words[i] (French or English, 0-99), else None."""
    def word(k: int) -> str:
        return words[k] if k < len(words) else ""

    w = word(i)
    if w == "dix" and word(i + 1) in ("sept", "huit", "neuf"):
        return 10 + _UNITS[word(i + 1)], 2
    if w == "quatre" and word(i + 1) in ("vingt", "vingts"):
        value, used = 80, 2
    elif w in _TENS:
        value, used = _TENS[w], 1
    elif w in _TEENS:
        return _TEENS[w], 1
    elif w in _UNITS:
        return _UNITS[w], 1
    else:
        return None
    nxt = word(i + used)
    if nxt == "et" and word(i + used + 1) in ("un", "une", "onze") and value < 80:
        return value + (11 if word(i + used + 1) == "onze" else 1), used + 2
    if value in (60, 80):  # soixante-dix-huit, quatre-vingt-douze
        teen = _number_at(words, i + used) if nxt in _TEENS or nxt == "dix" else None
        if teen and 10 <= teen[0] <= 19:
            return value + teen[0], used + teen[1]
    if nxt in _UNITS and _UNITS[nxt] > 0 and nxt != "une":
        return value + _UNITS[nxt], used + 1
    return value, used


def figures(text: str) -> str:
    """`text` (already plain) with numbers said in words written as figures, each as said: « zero six douze » ->
    "0 6 12"; "oh seven double oh nine" -> "0 7 0 0 9" ("oh" is a zero only next to another number word)."""
    words = re.findall(r"[a-z]+", text)
    spoken = {"zero", "oh", "double", "triple", *_UNITS, *_TEENS, *_TENS}
    if not any(w in spoken for w in words):
        return text
    out, tokens = [], re.findall(r"[a-z]+|[ \t,\-]+|.", text)
    i = 0
    while i < len(tokens):
        run, k = [], i  # the words of a run of number words, with the separators between them
        while k < len(tokens) and (tokens[k] in spoken or tokens[k] == "et" or not tokens[k].strip(" \t,-")):
            run.append(tokens[k])
            k += 1
        words_run = [t for t in run if t.strip(" \t,-")]
        if not words_run or not (set(words_run) - {"et"}) or (len(words_run) == 1 and words_run[0] in _ARTICLES):
            out.append(tokens[i])
            i += 1
            continue
        said, j, repeat = [], 0, 1
        numbers = sum(1 for w in words_run if w in spoken and w not in ("double", "triple", "et"))
        while j < len(words_run):
            w = words_run[j]
            if w in ("double", "triple"):
                repeat, j = (2 if w == "double" else 3), j + 1
                continue
            if w == "oh" and numbers >= 2:
                said += ["0"] * repeat
                repeat, j = 1, j + 1
                continue
            found = _number_at(words_run, j)
            if found is None:
                said.append(w)
                j += 1
                continue
            said += [str(found[0])] * repeat
            repeat, j = 1, j + found[1]
        lead = "".join(t for t in run[:next(n for n, t in enumerate(run) if t.strip(" \t,-"))])
        out.append(lead + " ".join(said) + (" " if run and not run[-1].strip(" \t,-") else ""))
        i = k if k > i else i + 1
    return "".join(out)


# -- phone numbers --------------------------------------------------------------------------------------------------

_PHONE_WORDS = re.compile(r"\b(tel|tele?phone?s?|telephon\w*|portable|mobile|num|nums|numero|numeros|n°|phone|"
                          r"number|appel+e?z?|apel+e?z?|appel+ez|call|ring|text|sms|whatsapp|joindre)\b")
# a run of digits with single separators: spaces, dots, dashes (never "/": dates; never ":" nor "h": times)
_DIGIT_RUN = re.compile(r"(\+|\b00)?\s?(\d+(?:[ .\-]?\d+)*)")
_MOBILE_FR = re.compile(r"^(0|33)[67]")


def _counting(groups: list[int]) -> bool:
    """True for a count or a times table: three groups or more, each the last plus (or minus) the same step."""
    if len(groups) < 3:
        return False
    step = groups[1] - groups[0]
    return step != 0 and all(b - a == step for a, b in zip(groups, groups[1:]))


def _phones(text: str) -> list[tuple[str, bool]]:
    """(digits, mobile) for each phone number of `text` (plain, figures)."""
    text = re.sub(r"\s*\((\d{1,4})\)\s*", r" \1 ", text).strip()  # "(212) 555-0187", "+33 (0)6...": one space
    text = re.sub(r"\bo(?=\d)", "0", text)  # the letter O typed for a zero: « O6 12 34 56 78 »
    near_word = bool(_PHONE_WORDS.search(text))
    found = []
    for match in _DIGIT_RUN.finditer(text):
        plus, run = match.group(1), match.group(2)
        groups = re.split(r"[ .\-]", run)
        digits = "".join(groups)
        if _counting([int(g) for g in groups]):
            continue
        if plus and 10 <= len(digits) <= 13:  # +33 6 12 34 56 78, 0033 6..., +44 7700 900 461
            found.append((digits, digits.startswith(("336", "337", "447"))))
        elif digits[:1] == "0" and digits[1:2] not in ("", "0") and len(digits) in (10, 11):
            found.append((digits, bool(_MOBILE_FR.match(digits)) or digits.startswith("07")))
        elif len(digits) == 10 and [len(g) for g in groups] == [3, 3, 4]:
            found.append((digits, True))
        elif digits[:2] in ("06", "07") and 8 <= len(digits) <= 13 and len(groups) >= 3 and not (
                len(groups) == 3 and re.fullmatch(r"(19|20)\d\d", groups[-1])):  # a mobile cut short, not a date
            found.append((digits, True))
        elif near_word and 8 <= len(digits) <= 13 and digits[0] == "0" and len(groups) <= 6:
            found.append((digits, True))
    return found


# -- e-mails and accounts -------------------------------------------------------------------------------------------

_MAIL_DOMAINS = ("gmail|hotmail|yahoo|outlook|orange|free|sfr|laposte|icloud|live|wanadoo|msn|proton|protonmail|aol|"
                 "gmx|bbox|neuf|me")
_TLDS = r"com|fr|net|org|be|ch|ca|uk|co|io|eu|de|es|it|lu|info|me|re|ma|tn|dz|sn|pt|nl"
_EMAIL = re.compile(rf"[a-z0-9._%+\-]+\s?@\s?[a-z0-9\-]+(\s?\.\s?[a-z0-9\-]+)*\s?\.\s?"
                    rf"(?:{_TLDS})\b")
_EMAIL_SAID = re.compile(rf"[a-z0-9._\-]+\s+(?:arr?obase|at|@)\s+(?:{_MAIL_DOMAINS})\b")
_PLATFORMS = (r"snap|snapchat|insta|instagram|ig|tiktok|tik tok|discord|whatsapp|whats app|facebook|fb|messenger|"
              r"roblox|fortnite|telegram|twitter|twitch|threads|signal|steam|psn|xbox|minecraft|brawl stars|"
              r"clash royale|youtube|pronote")
_ACCOUNT_ASK = re.compile(rf"\b(ajoute[sz]?|ajoutez|add|follow|suis|suivez|suit|abonne[sz]?|abonnez|rejoin[st]|"
                          rf"join|contacte[sz]?|dm|ecri[st]|ecrivez|message|parle)[\s\-]*(moi|me|nous|vous|us)\b"
                          rf"(\W+\w+){{0,3}}?\W+({_PLATFORMS})\b")
_SAYS = r"(?:\s*(?:c|c'est|cest|c est|est|is|:|=|->|sur|on)\b|\s*[:=])*\s*"
_ACCOUNT_OWN = re.compile(rf"\b(?:mon|ma|mes|my|our|notre|nos)\s+(?:compte\s+|pseudo\s+|account\s+|username\s+|"
                          rf"user\s+|id\s+)?(?:{_PLATFORMS})\b{_SAYS}(?P<value>@?[a-z0-9_.]+)")
_ACCOUNT_NAME = re.compile(r"\b(?:mon|ma|my)\s+(?:pseudo|compte|account|username|gamertag|id)\b.{0,40}?"
                           r"(?:c'est|cest|c est|est|is|:|=)\s*(?P<value>@?[a-z0-9_.]+)")
_HANDLE = re.compile(r"(?<![\w.])@[a-z0-9_.]{3,}")
_DISCORD_TAG = re.compile(r"\b[a-z][a-z0-9_.]{2,}#\d{4}\b")


def _handle(value: str) -> bool:
    """True when `value` reads as a user name, not a word: « lili_2013 », « @jade », « lilirose »; not « nul »,
    « trop », "lol" (words of 3 letters or fewer, and known French and English words, are words)."""
    from .lexicon import known_words

    value = value.strip(".")
    if value.startswith("@") or re.search(r"[0-9_.]", value):
        return len(value.strip("@")) >= 3 and not value.isdigit()
    return len(value) >= 4 and value not in known_words() and value not in _NOT_NAMES


_NOT_NAMES = frozenset("trop tres super vraiment nulle genial cool bien aussi pas plus tout".split())


def _account(text: str) -> bool:
    if _ACCOUNT_ASK.search(text):
        return True
    platform = re.search(rf"\b({_PLATFORMS})\b", text)
    for pattern in (_ACCOUNT_OWN, _ACCOUNT_NAME):
        for match in pattern.finditer(text):
            if (pattern is _ACCOUNT_OWN or platform) and _handle(match["value"]):
                return True
    if _DISCORD_TAG.search(text):
        return True
    handle = _HANDLE.search(text)
    return bool(handle) and bool(re.search(rf"\b({_PLATFORMS})\b", text))


# -- addresses ------------------------------------------------------------------------------------------------------

_STREET_SURE = (r"rue|avenue|ave|boulevard|bld|boul|allee|impasse|imp|quai|residence|lotissement|cite|"
                r"faubourg|fbg|street|road|rd|lane|drive|crescent|terrace|gardens|avenida")
_STREET_MAYBE = (r"bd|av|place|pl|cours|chemin|route|rte|square|sq|passage|sentier|hameau|voie|villa|court|close|way|"
                 r"st|row|grove")
_NUMBER = r"(?<![\d.,:/])\b\d{1,4}\s?(?:bis|ter|[a-d])?\b,?"
_ADDRESS_FR_SURE = re.compile(rf"{_NUMBER}\s+(?:{_STREET_SURE})\b\.?\s+[a-z]")
_ADDRESS_FR_MAYBE = re.compile(rf"{_NUMBER}\s+(?:{_STREET_MAYBE})\b\.?\s+(?:d'|de |du |des |de la )?[a-z]")
_ADDRESS_EN = re.compile(rf"{_NUMBER}\s+(?:[a-z]+\s+){{1,3}}(?:{_STREET_SURE}|{_STREET_MAYBE})\b")
# with a sign of a home, a street word then its number: « j'habite lotissement les Pins numéro 7 »
_NUMBER_AFTER = re.compile(rf"\b(?:{_STREET_SURE}|{_STREET_MAYBE})\b(?:\s+[a-z']+){{1,5}}?\s+"
                           rf"(?:numero|num|n°|no)\s?\d{{1,4}}\b")
_BUILDING_SURE = re.compile(r"\b(appart|appartement|appt|apt|app|logement|flat)\.?\s*(n°|no|numero)?\s*\d{1,4}\b"
                            r"(?!\s*(cm|mm|m|km|kg|g|ans|years|ml|l)\b)")
_BUILDING_PART = re.compile(r"\b(bat|batiment|immeuble|tour|escalier|esc|porte|etage|floor|block|entree)\b\.?\s*"
                            r"(n°|no)?\s*[a-z0-9]{1,3}\b|\b\d{1,2}\s?(e|eme|er|th|st|nd|rd)\s+(etage|floor)\b")
_POSTCODE_FR = re.compile(r"(?<![\d.,/])\b(?:0[1-9]|[1-8]\d|9[0-8])\d{3}\b(?![.,]\d)")
_POSTCODE_UK = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
_HOME = re.compile(r"\b(j'?\s?h?abite|jhabite|g\s?h?abite|j'?\s?h?abit|habitons|habitez|habite|vis|vivons|"
                   r"chez\s+(moi|nous|mwa|mw)|ma\s+maison|notre\s+maison|mon\s+adr\w*|adresse|adress|"
                   r"mon\s+immeuble|code\s+postal|i\s+live|we\s+live|lives?\s+at|my\s+(address|house|home|flat|"
                   r"place)|postcode|zip\s+code|domicile|ma\s+rue|my\s+street)\b")
_PUBLIC = re.compile(r"\b(mediatheque|bibliotheque|biblio|ludotheque|library|mairie|town\s+hall|musee|museum|"
                     r"theatre|cinema|gymnase|piscine|maison\s+de\s+quartier|centre\s+social|ecole|college|lycee|"
                     r"school)\b")


def _home_or_public(text: str) -> tuple[bool, bool]:
    """(a sign of a home, a public place named with no sign of a home) in `text` (plain, figures)."""
    home = bool(_HOME.search(text))
    return home, bool(_PUBLIC.search(text)) and not home


def _address(text: str, original: str) -> bool:
    home, public = _home_or_public(text)
    street = bool(_ADDRESS_FR_SURE.search(text))
    maybe = _ADDRESS_FR_MAYBE.search(text) or _ADDRESS_EN.search(text)
    postcode_fr = [m for m in _POSTCODE_FR.finditer(text)
                   if re.match(r"\s+[a-z]", text[m.end():]) and _capitalised_after(original, text, m.end())]
    postcode = bool(_POSTCODE_UK.search(original)) or bool(postcode_fr) or bool(
        home and [m for m in _POSTCODE_FR.finditer(text) if re.match(r"\s+[a-z]", text[m.end():])])
    building = bool(_BUILDING_SURE.search(text)) or len(_BUILDING_PART.findall(text)) >= 2
    sure = street or postcode or building or (maybe and (home or postcode or _capitalised_name(original)))
    if not sure:
        return bool(home and (maybe or _BUILDING_PART.search(text) or _NUMBER_AFTER.search(text)))
    return not public


def _capitalised_after(original: str, text: str, end: int) -> bool:
    """True when the word after a postcode starts with a capital letter in what was typed (a town, not « étoiles »)."""
    digits = text[:end]
    code = re.findall(r"\d{5}", digits)[-1]
    at = original.find(code)
    after = original[at + 5:].lstrip() if at >= 0 else ""
    return bool(after) and after[0].isupper()


def _capitalised_name(original: str) -> bool:
    """True when a house number is followed, within three words, by a capitalised word: « 2 place du Marché »."""
    return bool(re.search(r"\b\d{1,4}\s?(bis|ter|[a-dA-D])?\s+(\w+\s+){0,3}[A-Z][a-zà-ÿ]", original))


# -- dates of birth ------------------------------------------------------------------------------------------------

_MONTHS = (r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|janv|fev|avr|"
           r"juil|sept|oct|nov|dec|january|february|march|april|may|june|july|august|september|october|november|"
           r"december|jan|feb|mar|apr|jun|jul|aug|sep")
_YEAR = r"(?:19|20)\d\d|2 mille(?: \d{1,2})*"  # « deux mille quinze » reads "2 mille 15" once said as figures
_DAY = r"(?:1er|1re|\d{1,2})(?:st|nd|rd|th|e)?"
# a full date, its year included: 22/09/2014, 05.11.2017, 17-10-2015, 3 avril 2015, June 3rd, 2016, 6 July 2015
_FULL_DATE = (rf"(?:\b\d{{1,2}}\s?[/.\-]\s?\d{{1,2}}\s?[/.\-]\s?(?:(?:19|20)\d\d|\d\d)\b|"
              rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+(?:{_YEAR})\b|"
              rf"\b(?:{_MONTHS})\.?\s+(?:the\s+)?{_DAY},?\s+(?:{_YEAR})\b)")
_BORN = r"(?:nee?s?|born)"
_KIN = (r"(?:ma|mon|mes|notre|nos|my|our)\s+(?:petite?\s+|grande?\s+|little\s+|big\s+|baby\s+)?"
        r"(?:fille|fils|filles|enfants?|bebe|frere|soeur|jumeaux|jumelles|daughter|son|kids?|children|baby|brother|"
        r"sister|twins)")
# the one born said right before the birth word: « je suis née », "I was born", « moi c'est Théo, né »; one's child,
# named or not: « ma fille est née », « mon fils Adam né » (never « le chaton de ma sœur est né »: of, de, du)
_ME_BORN = (r"(?:je\s+suis|j\s?suis|jsuis|jsui|chui|chuis|suis|i\s+was|i'?m|i\s+am|moi\s+c(?:'?\s?est)?\s+\w+,?)"
            rf"\s+{_BORN}")
_KIN_BORN = rf"(?<!\bde )(?<!\bdu )(?<!\bof )(?<!d'){_KIN}(?:\s+\w+)?,?\s+(?:est\s+|sont\s+|was\s+|were\s+)?{_BORN}"
# whose birth: mine, my child's, or a form's name line (« nom : Lucas, né le »), then the date with its year
_OWN_BIRTH = re.compile(
    rf"\b(?:{_ME_BORN}|{_KIN_BORN}|(?:nom|prenom|name)\s*:\s*\w+(?:\s+\w+)?,?\s+{_BORN})\b"
    rf"(?:\s+(?:le|on|the|du|in))?,?\s+{_FULL_DATE}")
_BIRTH_LABEL = re.compile(
    rf"\b(?:(?:ma|mon|sa|son|my|his|her)\s+)?(?:date\s+de\s+naissance|date\s+of\s+birth|dob|d\.o\.b|"
    rf"birth\s?date|birthday\s+is|anniv\w*\s+(?:c'?\s?est|cest|c)|anniversaire\s+est)\b\W+(?:\w+\W+){{0,3}}?"
    rf"{_FULL_DATE}")
_OWN_BIRTHDAY = re.compile(r"\b(?:my|mon|ma)\s+(?:birthday|anniv\w*|date)")


def _birth(said: str) -> bool:
    """True when `said` (plain, figures) gives one's own or one's child's full date of birth; a form's label
    (« date de naissance », "DOB") counts alone, a birthday only when it is one's own ("my birthday is 4 May 2015")."""
    if _OWN_BIRTH.search(said):
        return True
    for match in _BIRTH_LABEL.finditer(said):
        label = match.group(0)
        if "birthday" in label or "anniv" in label:
            if _OWN_BIRTHDAY.search(label):
                return True
        else:
            return True
    return False


# -- the check ------------------------------------------------------------------------------------------------------

def find(text: str) -> str:
    """The kind of personal detail `text` holds: "phone", "email", "address", "account" or "birthdate"; "" when none.
    Never the detail itself. `text`: anything a child or facilitator typed (any length; "" -> "")."""
    original = str(text or "")
    if not original.strip():
        return ""
    read = plain(original).replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    said = figures(read)
    public = _home_or_public(said)[1]
    for digits, mobile in _phones(said):
        if mobile or not public:
            return "phone"
    if _EMAIL.search(read) or _EMAIL_SAID.search(read) or _EMAIL.search(
            re.sub(r"\s(?:point|dot)\s", ".", re.sub(r"\s(?:arr?obase|at)\s", "@", read))):
        if "@" in read or re.search(rf"\b({_MAIL_DOMAINS})\b", read):
            return "email"
    if _account(read):
        return "account"
    if _address(said, original):
        return "address"
    if _birth(said):
        return "birthdate"
    return ""


def check(text: str):
    """PromptCheck(blocked, MESSAGE_KEY, CATEGORY, kind) when `text` holds a contact detail (`find`), else None.
    `matched` carries the kind ("phone"...), never the detail."""
    kind = find(text)
    if not kind:
        return None
    from .prompts import PromptCheck

    return PromptCheck(True, MESSAGE_KEY, CATEGORY, f"personal {kind}", "cpu")


__all__ = ["CATEGORY", "KINDS", "MESSAGE_KEY", "check", "figures", "find"]
