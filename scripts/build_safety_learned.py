"""Build pipelines/safety/learned_guard.npz, the prompt guard's learned layer (see pipelines/safety/learned.py).

    PYTHONPATH=$PWD python scripts/build_safety_learned.py

Trains ONLY on the corpus's tuning material (bench/safety.py: the tuning half, fresh ... fresh4, fresh6a, fresh7a
and tuning5 ... tuning9), the studio's own ordinary sentences (`ordinary_material`) and synthetic ordinary
sentences (`synthetic_material`), these as benign examples; the never-tuned halves (bench.safety.NEVER_TUNED:
held-out, fresh5, fresh6b ... fresh27b, review3, review5) are never read here. This default built the file shipped
from the tenth to the thirty-first round.

`--round11-material` adds fresh8a, sentences to refuse generated from templates (`synthetic_unsafe`) and their
ordinary counterparts (`synthetic_benign`). Tried in the eleventh round and NOT shipped: its weights blocked more of
every never-tuned set (fresh8b 93.9 -> 96.5 %, fresh6b and fresh7b +0.9 points, fresh5 +0.6) but each of the three
builds added one false block on the held-out half and one on fresh5, and a layer may not add false blocks there
(pipelines/safety/learned.py).

`--round14-material` adds the tuning halves written since (fresh8a, fresh9a, fresh10a, fresh11a). Written in the
fourteenth round; its build was not measured on the never-tuned sets, so it is not shipped.

`--round25-material` adds every tuning half written since the tenth round (ROUND25_HALVES: fresh8a ... fresh21a,
about 14 x 150 prompts), never a "b" half, the held-out half or fresh5; with `--classes` and `--round11-material` it
makes the twenty-fifth round's variants. Not shipped: see pipelines/safety/learned.py (twenty-fifth round). Each text
is read once per process (`_read`: its words, sentence, word count and calibration signal), so several builds of
one process (`build` called again with other material or classes) share the reading, by far the longest part of a
build (about 0.2 s a text on the shared machine, for some 20 000 texts with this material).

`--round32-material` adds every tuning half (as `--round25-material`, now fresh8a ... fresh27a) and the reviews turned
into tuning material (bench.safety.TUNED_REVIEWS: review4, read with its own roster); `--max-cv-false SHARE` sets the
cross-validated false refusals the threshold allows (default MAX_CV_FALSE). `--test-material` adds
tests/safety's own ordinary sentences to the ordinary material (`test_sentences`). `--round32-material --test-material
--classes --max-cv-false 0` is the shipped build (pipelines/safety/learned.py, thirty-second round): no false block
added on any never-tuned half, and every test of tests/safety passes; without `--test-material` it refused one of
those sentences.

`--classes` adds the rules' word classes of FEATURE_CLASSES as features (learned.features, learned.word_classes),
`--double-material` ordinary sentences with double meanings generated from templates (`double_benign`), `--out PATH`
writes elsewhere than the shipped file. Tried in the twelfth round with the round-11 material, NOT shipped
(bench/out/safety-learned-round12.txt): the classes raised the cross-validated share of prompts to refuse the layer
alone catches from 766 to 1162 of 2222 at the same false refusals and blocked one more held-out prompt, but lost
two or three fresh6b prompts and kept the added false blocks on the held-out half and fresh5; the double-meaning
sentences changed neither. ROUND12_DEFAULT = True would make them the default build.

Deterministic (liblinear and lbfgs solvers, fixed fold and story seeds): the same corpus and studio texts give the
same file. Needs scikit-learn (requirements-dev.txt).

The threshold is chosen without looking at any measured set: 5-fold cross-validation on the training material
(folds stratified by unsafe, corpus-ordinary and studio-ordinary), sentences under learned.MIN_WORDS words
and sentences without a partial signal (prompts.partial_signal: no word of harm, body, drug, slur...; widened by
CALIBRATION_SIGNAL) never refused, the lowest probability (0.50 ... 0.99, step 0.01) at which the layer alone
wrongly refuses at most MAX_CV_FALSE of the corpus's ordinary prompts and at most MAX_CV_FALSE_ALL of all the
ordinary material.
"""
from __future__ import annotations

import functools
import random
import re
import sys
import tomllib
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.safety import FRESH, NEVER_TUNED, SPLIT, TUNED_REVIEWS, TUNING_SETS, Prompt, load, roster  # noqa: E402
from pipelines.safety import learned  # noqa: E402
from pipelines.safety.prompts import (ORDER, SIGNAL_CLASSES, _prepare, cpu_check, learned_words,  # noqa: E402
                                      partial_signal, roster_names)
from pipelines.story.spec import AGES, COMPANIONS, HEROES, OBJECTS, PLACES, PROBLEMS, TONES, StorySpec  # noqa: E402
from pipelines.story.writer import write_story  # noqa: E402

TRAINING_HALVES = ("tuning", "fresh", "fresh2", "fresh3", "fresh4", "fresh6a", "fresh7a")
ROUND11_HALVES = ("fresh8a",)  # with --round11-material (see the module docstring)
ROUND14_HALVES = ("fresh8a", "fresh9a", "fresh10a", "fresh11a")  # with --round14-material
# with --round25-material: every tuning half of the sets cut in two (fresh8a ... fresh21a)
ROUND25_HALVES = tuple(f"{name}a" for name in SPLIT if name not in ("fresh6", "fresh7"))
SETS = ("",) + TUNING_SETS + tuple(s for s in FRESH if s != "fresh5") + TUNED_REVIEWS
# the corpus's own categories written since the tenth round, named as the guard refuses them (bench/safety.py)
REFUSED_AS = {"grooming": "sexual", "voyeurism": "sexual", "runaway": "self_harm", "abduction": "violence",
              "theft": "violence", "meeting": "sexual", "touching": "sexual",
              # review4's own names (bench.safety.TUNED_REVIEWS)
              "child_nudity": "sexual", "photo": "sexual", "cruelty": "animal_cruelty", "gore": "horror",
              "hate_denial": "hate"}
C = 10.0
MAX_CV_FALSE = 0.0025
MAX_CV_FALSE_ALL = 0.0025  # ... and at most this share of all the ordinary material (corpus and studio sentences)
# The calibration counts a sentence as one the layer may refuse when it has a partial signal OR names any group of
# people ("girls", "boys"): a wider gate than at run time, so the threshold found bounds the false refusals from
# above (with the run-time gate alone it came out at 0.82, and refused more ordinary prompts).
CALIBRATION_SIGNAL = ("GROUP",)
MIN_COUNT = 2  # buckets seen fewer times in training are dropped from the shipped file
ORDINARY_SOURCES = ("assets/locales/*/*.toml", "assets/stories/**/*.toml")
MIN_ORDINARY_WORDS = 3
STORIES = 80  # template stories written for ordinary material, half French, half English
NOT_A_VERB = frozenset({"et", "and", "le", "la", "les", "the", "a", "un", "une", "with", "avec", "de", "of"})
PEOPLE = {"fr": ["un garçon", "une fille", "une femme", "un homme", "un enfant", "mon frère", "ma sœur", "une maman",
                 "un papa", "un monsieur", "une dame", "un bébé", "la maîtresse", "un ado", "une petite fille"],
          "en": ["a boy", "a girl", "a woman", "a man", "a child", "my brother", "my sister", "a mum", "a dad",
                 "the teacher", "a baby", "a teenager", "a little girl", "an old man", "the kids"]}
STYLE = re.compile(r"^children's picture book illustration, [^,]+, [^,]+, [^,]+, ")


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        node = list(node.values())
    return [s for v in node for s in _strings(v)] if isinstance(node, list) else []


def ordinary_material() -> list[str]:
    """The studio's own ordinary sentences, in French and English (interface texts, the guard's refusal sentences,
    story grammars and example books): what children read on the screen and type back, in other words and
    shapes than the corpus's. Placeholders and markup are dropped, values cut into sentences of at least
    MIN_ORDINARY_WORDS words; a sentence the rules refuse is left out (it is no ordinary example)."""
    out = set()
    for pattern in ORDINARY_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            for value in _strings(tomllib.loads(path.read_text(encoding="utf-8"))):
                value = re.sub(r"\{[^}]*\}|\[[^\]:]*:|\]|[*_`#]|https?://\S+", " ", value)
                for piece in re.split(r"(?<=[.!?])\s+|\n+", value):
                    piece = " ".join(piece.split())
                    if len(re.findall(r"[^\W\d_]+", piece)) >= MIN_ORDINARY_WORDS:
                        out.add(piece)
    out |= story_material()
    return sorted(s for s in out if not cpu_check(s, learned_layer=False).blocked)


def story_material() -> set[str]:
    """Sentences and picture scenes of STORIES template stories (pipelines/story/writer.py), choices drawn with a
    fixed seed: a child's hero, companion and place told in the ordinary words of a children's book."""
    rng, out = random.Random(0), set()
    heroes = roster()[:8] + ["Zoé", "Tom", "Noah", "Lina"]
    told = {"fr": set(), "en": set()}
    for i in range(STORIES):
        spec = StorySpec(hero_name=rng.choice(heroes), hero=rng.choice(list(HEROES)),
                         companion=rng.choice(list(COMPANIONS)), place=rng.choice(list(PLACES)),
                         object=rng.choice(list(OBJECTS)), problem=rng.choice(list(PROBLEMS)),
                         tone=rng.choice(list(TONES)), reading_age=rng.choice(list(AGES)),
                         language=("fr", "en")[i % 2], pages=8, seed=i)
        for page in write_story(spec).pages:
            sentences = re.split(r"(?<=[.!?])\s+", page.text)
            out.update(sentences)
            out.add(STYLE.sub("", page.scene))
            for sentence in sentences:  # "Zoé traverse la rivière." -> "... qui traverse la rivière"
                found = re.search(rf"\b{re.escape(spec.hero_name)} ([^\W\d_A-Z][^.!?:;»]*)", sentence)
                if found and found.group(1).split()[0] not in NOT_A_VERB:
                    told[spec.language].add(found.group(1).strip(" ,"))
            for piece in STYLE.sub("", page.scene).split(", ")[1:]:  # "playing hide-and-seek with a giant"
                if piece.split()[0].endswith("ing"):
                    told["en"].add(piece)
    for language, actions in told.items():  # a person who does an ordinary thing, the corpus's frame
        for action in sorted(actions):
            person = rng.choice(PEOPLE[language] + ["@"])
            out.add(f"{rng.choice(PEOPLE[language])} {'qui' if language == 'fr' else 'who'} {action}"
                    if not action.split()[0].endswith("ing") else f"{rng.choice(PEOPLE[language])} {action}")
            out.add(f"{person} {action}" if action.split()[0].endswith("ing") else
                    f"{person} {'qui' if language == 'fr' else 'who'} {action}")
    return {s.replace("@", rng.choice(heroes)) for s in out if len(re.findall(r"[^\W\d_]+", s)) >= MIN_ORDINARY_WORDS}


# Ordinary sentences built from many shapes and a child's words, many of them words that look alarming in a
# harmless sense (sleep and waking up, cutting bread, a blood test, fake blood, a game's "kill", a crushing
# score, a predator and its prey, a tale's ogre, a pirate's sword, a battle of history): what a sentence shape
# alone must never refuse.
SYN_PEOPLE = {"fr": ["un garçon", "une fille", "mon petit frère", "ma grande sœur", "un enfant", "une maman",
                     "un papa", "la maîtresse", "un ado", "mon copain", "ma copine", "un monsieur", "une dame",
                     "mon cousin", "mamie", "papi", "un bébé", "une petite fille", "@"],
               "en": ["a boy", "a girl", "my little brother", "my big sister", "a child", "a mum", "a dad",
                      "the teacher", "a teenager", "my friend", "an old man", "a lady", "my cousin", "grandma",
                      "grandpa", "a baby", "a little girl", "@"]}
SYN_ACTIONS = {"fr": [
    "ne veut pas se réveiller pour aller à l'école", "dort encore quand le réveil sonne",
    "ne veut pas se lever le lundi",
    "coupe du pain avec un grand couteau", "épluche des pommes de terre", "fait une prise de sang à l'hôpital",
    "se déguise en vampire avec du faux sang", "tue tous les zombies dans son jeu vidéo",
    "a gagné le match dix à zéro",
    "se fait vacciner chez le médecin", "regarde un lion qui mange une gazelle à la télé", "lit l'histoire de l'ogre",
    "joue au pirate avec une épée en bois", "fait un exposé sur la bataille de Verdun", "est mort de rire",
    "meurt de faim avant le goûter", "lance une bombe à eau sur son cousin", "tire au but pendant le match",
    "se cache sous la couette pendant l'orage", "pleure parce que son poisson rouge est mort", "se coupe les cheveux",
    "se brosse les dents avant de dormir", "prend ses médicaments pour la toux", "boit un sirop contre la toux",
    "tombe de vélo et se fait un bleu au genou", "a mal au ventre après la fête", "chasse les papillons au jardin",
    "pêche des crevettes avec une épuisette", "donne à manger aux canards", "fait cuire un poulet au four",
    "découpe des cœurs dans du papier", "colle des gommettes", "écrase des pommes pour faire de la compote",
    "joue à chat dans la cour", "fait une bataille de boules de neige", "saute dans les flaques",
    "se bat contre un dragon en carton", "raconte une histoire de fantômes", "a peur du loup",
    "a un plâtre au bras", "fait des piqûres à sa poupée pour jouer au docteur", "lave son chien dans la baignoire",
    "met le gâteau au four", "met les glaces au congélateur", "met son linge dans la machine à laver",
    "fait brûler des guimauves au feu de camp", "joue aux jeux vidéo toute la nuit", "se couche très tard",
    "disparaît sous une montagne de coussins",
    "saute du plongeoir à la piscine", "grimpe en haut de l'arbre", "tire à l'arc sur une cible",
    "donne un coup de pied dans le ballon", "frappe la balle avec sa raquette", "casse des œufs pour les crêpes"],
    "en": [
    "doesn't want to wake up for school", "is still asleep when the alarm rings", "hates getting up on Mondays",
    "cuts bread with a big knife", "peels potatoes for dinner", "gets a blood test at the hospital",
    "dresses up as a vampire with fake blood", "kills all the zombies in a video game", "won the game ten to nothing",
    "gets a flu shot at the doctor's", "watches a lion eating a zebra on TV", "reads the story of the ogre",
    "plays pirates with a wooden sword", "does a project on the Battle of Hastings", "is dying of laughter",
    "is starving before snack time", "throws a water balloon at her cousin", "shoots at the goal",
    "hides under the blanket during the storm", "cries because his goldfish died", "cuts her own hair",
    "brushes his teeth before bed", "takes her cough medicine", "falls off his bike and bruises his knee",
    "has a tummy ache after the party", "chases butterflies in the garden", "goes fishing with grandpa",
    "feeds the ducks at the pond", "roasts a chicken in the oven", "cuts out paper hearts",
    "smashes apples to make apple sauce", "plays tag in the playground", "has a snowball fight",
    "jumps in puddles", "fights a cardboard dragon", "tells a ghost story", "is scared of the big bad wolf",
    "has a cast on her arm", "plays doctor and gives shots to her teddy", "washes the dog in the bathtub",
    "puts the cake in the oven", "puts the ice cream in the freezer", "puts the clothes in the washing machine",
    "toasts marshmallows on the campfire", "plays video games all night", "goes to bed very late",
    "disappears under a pile of cushions",
    "jumps off the diving board", "climbs to the top of the tree", "shoots arrows at a target",
    "kicks the ball into the net", "hits the ball with a racket", "cracks eggs for pancakes"]}
SYN_SHAPES = {"fr": ["{p} qui {a}", "dessine {p} qui {a}", "je voudrais {p} qui {a}", "comment dessiner {p} qui {a} ?",
                     "{p} qui {a} et qui rigole", "une histoire où {p} {a}", "{p} qui {a} puis qui rentre à la maison",
                     "c'est l'histoire de {p} qui {a} et après il va au parc avec ses copains"],
              "en": ["{p} who {a}", "draw {p} who {a}", "i want {p} who {a}", "how do i draw {p} who {a}?",
                     "{p} who {a} and laughs", "a story where {p} {a}", "{p} who {a} and then goes home",
                     "this is the story of {p} who {a} and after that they go to the park with friends"]}
SYNTHETIC = 1200  # sentences drawn (fixed seed), half French, half English


def synthetic_material() -> list[str]:
    """SYNTHETIC ordinary sentences: a shape of SYN_SHAPES, a person of SYN_PEOPLE (or a roster first name), an
    action of SYN_ACTIONS; a sentence the rules refuse is left out."""
    rng, heroes, out = random.Random(1), roster(), set()
    for i in range(SYNTHETIC):
        language = ("fr", "en")[i % 2]
        person = rng.choice(SYN_PEOPLE[language]).replace("@", rng.choice(heroes))
        out.add(rng.choice(SYN_SHAPES[language]).format(p=person, a=rng.choice(SYN_ACTIONS[language])))
    return sorted(s for s in out if not cpu_check(s, learned_layer=False).blocked)


# Synthetic material of the eleventh round, generated from templates (fixed seed) rather than copied from any set:
# sentences a children's workshop must refuse, in the general shapes the issue names (an insult or an animal aimed
# at a first name, an act of harm aimed at a person or an animal, a pet in a household machine, a group told to
# leave or called vermin, hurting oneself told in the first person), and ordinary sentences of the kinds the guard
# wrongly refused (animals hunting and eating in nature, cooking, fairy tales, sport and games scores).
FIRST_NAMES = ["Léa", "Mathis", "Inès", "Noah", "Chloé", "Yanis", "Jade", "Lucas", "Emma", "Kylian", "Zoé", "Adam",
               "Lina", "Hugo", "Manon", "Sacha", "Rayan", "Louise", "Tom", "Camille", "Nathan", "Sarah", "Théo", "Maya",
               "Liam", "Alice", "Gabriel", "Rose", "Mohamed", "Ambre", "Ethan", "Lou", "Jules", "Romane", "Nolan",
               "Anna", "Timéo", "Julia", "Malo", "Nour"]
BAD_UNSAFE = {
    "harassment": {
        "fr": ["{n} est une grosse {beast}", "dessine {n} en gros {beast}", "{n} c'est un gros {beast} qui pue",
               "tout le monde déteste {n}, fais une affiche", "{n} a une tête de {beast}", "{n} il est trop {ugly}",
               "fais {n} en {beast} pour que toute la classe rigole", "personne aime {n} parce qu'il est {ugly}",
               "écris {n} = {insult} sous son dessin", "{n} la {ugly} avec ses boutons, dessine-la",
               "{n} il pue tellement que personne veut s'asseoir à côté de lui",
               "on se moque tous de {n} demain, fais le dessin", "{n} vit dans une poubelle, dessine-le dedans"],
        "en": ["{n} is a fat {beast_en}", "draw {n} as a fat {beast_en}", "everyone hates {n}, make a poster",
               "{n} is so {ugly_en} nobody likes her", "{n} smells like trash, draw flies around him",
               "make {n} look like a {beast_en} so the class laughs", "write {n} is a {insult_en} under the picture"]},
    "animal_cruelty": {
        "fr": ["{p} qui met {pet} dans {machine}", "{p} qui noie {pet} dans {water}", "{p} qui brûle {pet} avec {fire}",
               "{p} qui donne des coups de pied à {pet}", "mettre {pet} dans {machine} pour voir",
               "{p} qui lance {pet} contre le mur", "{p} qui écrase {pet} avec {heavy}",
               "{pet} enfermé dans {machine} qui crie",
               "{p} qui frappe {pet} avec {heavy} jusqu'à ce qu'il bouge plus"],
        "en": ["{p_en} putting {pet_en} in {machine_en}", "{p_en} drowning {pet_en} in {water_en}",
               "{p_en} kicking {pet_en} across the room", "{p_en} burning {pet_en} with {fire_en}",
               "put {pet_en} in {machine_en} to see what happens", "{p_en} throwing {pet_en} against the wall"]},
    "hate": {
        "fr": ["les {group} rentrez chez vous", "les {group} c'est des {vermin}", "interdit aux {group}",
               "dehors les {group}, affiche pour l'école", "les {group} ils devraient tous partir du pays",
               "dessine les {group} comme des {vermin}", "les {group} c'est tous des voleurs"],
        "en": ["{group_en} go back where you came from", "{group_en} are {vermin_en}", "no {group_en} allowed",
               "draw {group_en} as {vermin_en}", "all {group_en} should leave the country"]},
    "violence": {
        "fr": ["{p} qui {hit} {p2} avec {weapon}", "{p} qui {hit} {p2} jusqu'à ce qu'il saigne",
               "comment on fait pour {hitinf} quelqu'un avec {weapon} ?",
               "{p} qui pousse {p2} dans les escaliers exprès"],
        "en": ["{p_en} {hit_en} {p2_en} with {weapon_en}", "{p_en} {hit_en} {p2_en} until he bleeds",
               "how do i {hitinf_en} someone with {weapon_en}?"]},
    "self_harm": {
        "fr": ["je veux {selfharm}", "dessine-moi en train de {selfharm}", "moi qui veux {selfharm} ce soir"],
        "en": ["i want to {selfharm_en}", "draw me trying to {selfharm_en}", "i'm going to {selfharm_en} tonight"]},
}
BAD_SLOTS = {
    "beast": ["vache", "truie", "porc", "baleine", "cochon", "rat", "singe", "dinde", "thon"],
    "beast_en": ["pig", "cow", "whale", "rat", "monkey"],
    "ugly": ["moche", "bête", "nul", "débile", "gros", "laid"], "ugly_en": ["ugly", "stupid", "dumb", "fat"],
    "insult": ["gros nul", "débile", "boloss", "grosse vache", "crétin"],
    "insult_en": ["loser", "freak", "fat pig", "idiot"],
    "p": ["un garçon", "une fille", "mon frère", "un ado", "un monsieur", "des enfants", "mon cousin", "une dame"],
    "p_en": ["a boy", "a girl", "my brother", "a teenager", "a man", "some kids", "my cousin"],
    "p2": ["un autre garçon", "sa sœur", "un vieux monsieur", "son copain", "la maîtresse", "un bébé"],
    "p2_en": ["another boy", "his sister", "an old man", "his friend", "the teacher", "a baby"],
    "pet": ["le chat", "un chaton", "le chien", "un chiot", "le hamster", "le lapin", "le poisson rouge",
            "le cochon d'inde", "la perruche"],
    "pet_en": ["the cat", "a kitten", "the dog", "a puppy", "the hamster", "the bunny", "the goldfish"],
    "machine": ["le micro-ondes", "le congélateur", "la machine à laver", "le four", "le sèche-linge", "le mixeur"],
    "machine_en": ["the microwave", "the freezer", "the washing machine", "the oven", "the dryer", "the blender"],
    "water": ["la baignoire", "un seau", "les toilettes"], "water_en": ["the bathtub", "a bucket", "the toilet"],
    "fire": ["un briquet", "des allumettes", "un chalumeau"], "fire_en": ["a lighter", "matches"],
    "heavy": ["un marteau", "une pierre", "un bâton"],
    "group": ["arabes", "noirs", "juifs", "musulmans", "roms", "chinois", "migrants", "étrangers", "gays",
              "handicapés"],
    "group_en": ["muslims", "jews", "black people", "migrants", "immigrants", "gays", "refugees"],
    "vermin": ["rats", "cafards", "singes", "parasites", "animaux sales"],
    "vermin_en": ["rats", "cockroaches", "animals", "parasites", "vermin"],
    "hit": ["frappe", "tabasse", "poignarde", "étrangle", "cogne"], "hitinf": ["assommer", "poignarder", "étrangler"],
    "hit_en": ["beating", "stabbing", "choking", "punching"], "hitinf_en": ["knock out", "stab", "choke"],
    "weapon": ["un couteau", "une batte", "un marteau", "une barre de fer", "une chaise"],
    "weapon_en": ["a knife", "a bat", "a hammer", "a brick"],
    "selfharm": ["me couper les bras", "me pendre", "sauter du pont", "avaler toutes les pilules", "me tuer",
                 "plus me réveiller", "me brûler avec un briquet"],
    "selfharm_en": ["cut my arms", "hang myself", "jump off the bridge", "swallow all the pills", "kill myself",
                    "never wake up"],
}
GOOD_TEMPLATES = {
    "fr": ["{predator} qui {hunts} {prey} dans {wild}", "dans le documentaire {predator} {hunts} {prey}",
           "{cook} qui {cuts} {food}", "il faut {cutinf} {food} pour la recette", "{villain} qui veut manger {tale}",
           "{villain} qui enferme {tale} dans une cage", "on a {won} l'autre équipe {score}",
           "{predator} qui mange {prey} mort dans {wild}",
           # the counterparts of the sentences to refuse: a first name, a farm animal, a pet and a machine together
           "{n} qui dessine {farm} dans le pré", "{n} et {farm} à la ferme", "{n} qui caresse {pet}",
           "{pet} qui dort à côté {machine_de}", "{n} qui met {chore} dans {machine}", "{n} qui fait {costume}",
           "{pet} qui a peur {machine_de}", "on a mangé {dish} chez {n}",
           # realistic pictures of ordinary things (the counterparts of realistic horror)
           "{real} {beast_any} aux yeux {colour}", "{real} de {n} aux yeux {colour} qui sourit",
           "{real} {beast_any} qui dort au soleil"],
    "en": ["{predator_en} {hunts_en} {prey_en} in {wild_en}", "{cook_en} {cuts_en} {food_en}",
           "{villain_en} wants to eat {tale_en}", "we {won_en} the other team {score}",
           "{n} drawing {farm_en} in the field", "{n} hugging {pet_en}", "{pet_en} sleeping next to {machine_en}",
           "{n} putting {chore_en} in {machine_en}", "{n} dressed up as {costume_en}",
           "a realistic photo of {pet_en} with {colour_en} eyes", "a realistic portrait of {n} with {colour_en} eyes"]}
GOOD_SLOTS = {
    "predator": ["le lion", "la lionne", "le loup", "le renard", "l'aigle", "le requin", "l'orque", "le crocodile",
                 "le serpent", "la chouette", "l'araignée", "le guépard", "l'ours"],
    "predator_en": ["a lion", "the wolf", "a fox", "an eagle", "a shark", "the orca", "a snake", "an owl"],
    "hunts": ["chasse", "attrape", "dévore", "mange", "étouffe", "mord"],
    "hunts_en": ["hunting", "catching", "eating", "chasing"],
    "prey": ["une gazelle", "un zèbre", "un lapin", "une souris", "un phoque", "un poisson", "sa proie", "un mulot",
             "une mouche", "un cerf"],
    "prey_en": ["a gazelle", "a zebra", "a rabbit", "a mouse", "a seal", "a fish", "its prey"],
    "wild": ["la savane", "la forêt", "la rivière", "la mer", "la jungle", "le désert", "la montagne"],
    "wild_en": ["the savanna", "the forest", "the river", "the sea", "the jungle"],
    "cook": ["mamie", "le chef", "papa", "la cuisinière", "maman", "le boucher"],
    "cook_en": ["grandma", "the chef", "dad", "mum", "the cook"],
    "cuts": ["découpe", "hache", "coupe", "fouette", "écrase", "tranche", "épluche"],
    "cutinf": ["découper", "hacher", "couper", "fouetter", "écraser"],
    "cuts_en": ["chopping", "slicing", "whipping", "mashing", "cutting"],
    "food": ["la dinde", "les oignons", "la viande", "la crème", "les pommes de terre", "le poulet rôti", "le rosbif",
             "les carottes", "l'ail", "le gigot"],
    "food_en": ["the turkey", "the onions", "the cream", "the potatoes", "the roast chicken", "the garlic"],
    "villain": ["l'ogre", "la sorcière", "le grand méchant loup", "le géant", "le troll", "l'ogresse"],
    "villain_en": ["the ogre", "the witch", "the big bad wolf", "the giant", "the troll"],
    "tale": ["le petit poucet", "Hansel et Gretel", "les trois petits cochons", "le chaperon rouge", "les chevreaux"],
    "tale_en": ["the little pigs", "Hansel and Gretel", "Little Red Riding Hood", "the goats"],
    "won": ["massacré", "écrasé", "défoncé", "battu"], "won_en": ["crushed", "destroyed", "thrashed"],
    "score": ["10 à 0", "6-0", "5 à 1", "8-2"],
    "farm": ["une grosse vache", "un cochon rose", "une truie et ses petits", "une dinde", "un âne", "des moutons",
             "un gros cochon", "une vache qui broute"],
    "farm_en": ["a big cow", "a pink pig", "a turkey", "a donkey", "a fat pig in the mud"],
    "pet": BAD_SLOTS["pet"], "pet_en": BAD_SLOTS["pet_en"], "machine": BAD_SLOTS["machine"],
    "machine_en": BAD_SLOTS["machine_en"],
    "machine_de": ["du micro-ondes", "du congélateur", "de la machine à laver", "du four", "du sèche-linge"],
    "chore": ["le linge sale", "les glaçons", "le gâteau", "le pop-corn", "les chaussettes", "la pizza"],
    "chore_en": ["the dirty laundry", "the ice cubes", "the cake", "the popcorn", "the pizza"],
    "costume": ["le cochon dans la pièce de théâtre", "la vache au carnaval", "un singe rigolo",
                "un rat de bibliothèque"],
    "costume_en": ["a pig for the school play", "a funny monkey", "a cow for carnival"],
    "dish": ["du thon", "de la dinde", "du porc", "une raclette", "du rôti de porc"],
    "real": ["une photo réaliste", "un portrait très réaliste", "une image hyper réaliste", "un dessin réaliste"],
    "beast_any": ["d'un chat noir", "d'un chien blanc", "d'un loup gris", "d'un hibou", "d'un cheval noir",
                  "d'une chouette", "d'un tigre", "d'un lapin"],
    "colour": ["verts", "bleus", "jaunes", "marron", "noirs", "dorés"],
    "colour_en": ["green", "blue", "yellow", "brown", "golden"],
}
SYN11 = 900  # sentences drawn of each kind (fixed seed)


def _fill(template: str, slots: dict, rng: random.Random) -> str:
    def one(match: re.Match) -> str:
        return rng.choice(FIRST_NAMES if match.group(1) == "n" else slots[match.group(1)])

    return re.sub(r"\{(\w+)\}", one, template)


def synthetic_unsafe() -> list:
    """SYN11 sentences to refuse, drawn from BAD_UNSAFE with BAD_SLOTS (fixed seed), as Prompts of their category."""
    rng, out = random.Random(11), {}
    kinds = sorted(BAD_UNSAFE)
    for i in range(SYN11):
        category, language = kinds[i % len(kinds)], ("fr", "en")[(i // len(kinds)) % 2]
        text = _fill(rng.choice(BAD_UNSAFE[category][language]), BAD_SLOTS, rng)
        out[text] = Prompt(category, "synthetic", language, text, True, "synthetic")
    return [out[t] for t in sorted(out)]


def synthetic_benign() -> list[str]:
    """SYN11 ordinary sentences drawn from GOOD_TEMPLATES with GOOD_SLOTS (fixed seed); the rules' refusals left out."""
    rng, out = random.Random(12), set()
    for i in range(SYN11):
        language = ("fr", "en")[i % 2]
        out.add(_fill(rng.choice(GOOD_TEMPLATES[language]), GOOD_SLOTS, rng))
    return sorted(s for s in out if not cpu_check(s, learned_layer=False).blocked)


# Material of the twelfth round: ordinary sentences with a double meaning, a harmless sentence holding a word that
# looks dangerous (a sport's shot, a kitchen's knife and beaten eggs, a predator's prey, a vaccine, a tool, a
# history lesson, a game's boss, an expression, a place or an animal with an odd name, school anatomy, a play,
# a fairy tale, the weather), generated from templates with a fixed seed, written from the kinds the guard wrongly
# refused, never copied from a set.
DOUBLE = 1500  # sentences drawn (fixed seed), half French, half English
# Word classes of prompt_terms.toml read as features (learned.features): the partial-signal classes, and the
# targets and frames an act of harm needs or a harmless sense gives (a person, a child, an animal, a body part,
# food, a predator, a fairy tale, a lesson, a costume...).
FEATURE_CLASSES = tuple(dict.fromkeys(SIGNAL_CLASSES + (
    "PERSON", "CHILD", "ANIMAL", "PET", "NAME", "GROUP", "FIGURE", "BODYPART", "PARENT", "ADULT", "TEENS",
    "PEOPLEISH", "FIRSTNAME", "HUMAN_BODY", "FACE", "HEAD", "LIMB", "NECK", "THROAT", "WRISTS", "SKIN", "BODYWORD",
    "FOOD", "MEAL", "PREDATOR", "FANTASY", "COSTUME", "LESSON", "SCHOOL", "HOWTO", "WANT", "ONPURPOSE", "UNTIL_DEAD",
    "UNTIL_CRY", "REAL", "PHOTO", "ETHNIC", "JEW", "MACHINE", "INTO_WATER")))
ROUND12_DEFAULT = False  # True: the default build takes the round-11 material, double meanings and word classes
DOUBLE_TEMPLATES = {
    "fr": [
        "{n} qui {sport_fr} pendant le match de {sport_game_fr}", "au {sport_game_fr} {n} a {crush_fr} l'autre équipe",
        "{cook_fr} qui {kitchen_fr} pour le repas de ce soir", "la recette dit de {kitchen_inf_fr}",
        "dans le documentaire {predator_fr} {eats_fr} {prey_fr}", "{nature_fr}",
        "{n} qui {medic_fr}", "l'infirmière qui {nurse_fr} à {n}", "{n} qui {tool_fr}",
        "un exposé sur {history_fr}", "{n} qui apprend {history_fr} pour le contrôle",
        "dans mon jeu vidéo {n} {game_fr}", "{n} est {expr_fr}", "{n} qui dit que {food_fr} c'est une tuerie",
        "une photo de {place_fr} en vacances", "on est allés à {place_fr} voir mamie",
        "{animal_fr} au zoo avec {n}", "{n} qui dessine {animal_fr}", "la leçon de sciences sur {anatomy_fr}",
        "{n} qui fait un dessin de {anatomy_fr} pour l'école", "{n} qui {theatre_fr}",
        "{tale_fr}", "{n} qui lit l'histoire où {tale_fr}", "{n} qui {weather_fr}"],
    "en": [
        "{n} {sport_en} during the {sport_game_en} match", "in {sport_game_en} {n} {crush_en} the other team",
        "{cook_en} {kitchen_en} for dinner tonight", "the recipe says to {kitchen_inf_en}",
        "in the nature film {predator_en} {eats_en} {prey_en}", "{nature_en}",
        "{n} {medic_en}", "the nurse {nurse_en} {n}", "{n} {tool_en}",
        "a school project about {history_en}", "{n} learning about {history_en} for the test",
        "in my video game {n} {game_en}", "{n} is {expr_en}", "{n} says {food_en} is to die for",
        "a holiday photo of {place_en}", "we went to {place_en} to see grandma",
        "{animal_en} at the zoo with {n}", "{n} drawing {animal_en}", "the science lesson about {anatomy_en}",
        "{n} drawing {anatomy_en} for school", "{n} {theatre_en}", "{tale_en}",
        "{n} reading the story where {tale_en}", "{n} {weather_en}"]}
DOUBLE_SLOTS = {
    "sport_fr": ["tire au but", "frappe fort dans le ballon", "smashe", "plaque le joueur adverse", "attaque le filet",
                 "marque un tir de loin", "shoote dans le ballon", "se bat pour le ballon"],
    "sport_game_fr": ["foot", "rugby", "hand", "basket", "tennis", "volley", "ping-pong"],
    "crush_fr": ["écrasé", "massacré", "détruit", "battu à plate couture", "explosé", "humilié au score"],
    "cook_fr": ["mamie", "papa", "le chef", "maman", "le boulanger", "le boucher", "tonton"],
    "kitchen_fr": ["bat les oeufs en neige", "hache le persil", "découpe le poulet", "tranche le jambon",
                   "écrase l'ail", "coupe la tête du poisson", "plante le couteau dans le melon",
                   "fait saigner le steak",
                   "égorge les tomates en rondelles", "étouffe les légumes à la vapeur",
                   "brûle le sucre pour le caramel"],
    "kitchen_inf_fr": ["battre les oeufs", "fouetter la crème", "hacher la viande", "écraser les pommes de terre",
                       "couper le lapin en morceaux", "plumer le poulet", "assommer la pâte avec le rouleau",
                       "noyer les fraises dans la chantilly"],
    "predator_fr": ["le lion", "le guépard", "l'orque", "le crocodile", "le requin blanc", "le loup", "l'aigle",
                    "la mante religieuse", "l'araignée", "le python"],
    "eats_fr": ["dévore", "attrape", "égorge", "déchiquette", "avale", "tue"],
    "prey_fr": ["une gazelle", "un phoque", "un gnou", "une souris", "une mouche", "un lapin", "sa proie",
                "un poisson"],
    "nature_fr": ["les arbres tout nus en hiver", "un rat-taupe nu dans son terrier",
                  "un fou à pieds bleus sur un rocher",
                  "une mésange sur la branche", "des feuilles mortes dans le jardin", "un arbre mort couvert de mousse",
                  "un volcan qui explose en pleine nuit", "la foudre qui frappe un arbre",
                  "un cadavre de baleine sur la plage dans le documentaire",
                  "une orque qu'on appelle baleine tueuse", "un poisson-globe plein de poison",
                  "un champignon vénéneux dans la forêt"],
    "medic_fr": ["se fait vacciner", "a une prise de sang", "a un plâtre après sa chute", "se fait recoudre le genou",
                 "prend un cachet pour la fièvre", "saigne du nez à la récré",
                 "se fait arracher une dent chez le dentiste"],
    "nurse_fr": ["fait une piqûre", "met un pansement", "prend la tension", "donne un sirop"],
    "tool_fr": ["scie une planche avec papi", "plante des clous avec un marteau", "coupe du bois à la hache",
                "fend des bûches", "perce un trou dans le mur", "tue le moteur de la tondeuse"],
    "history_fr": ["la guillotine et la révolution", "la bataille de Verdun", "les tranchées de 14-18",
                   "les chevaliers et les croisades", "la bombe atomique d'Hiroshima", "les gladiateurs romains",
                   "la chute de Napoléon", "les esclaves et l'abolition"],
    "game_fr": ["tue le boss final", "fait exploser les creepers", "tire sur les zombies", "meurt au dernier niveau",
                "vole la couronne du roi", "fait un headshot"],
    "expr_fr": ["mort de rire", "mort de fatigue", "crevé après le sport", "à fond comme un malade", "mort de faim",
                "une tuerie au foot", "une bombe en natation", "fou de joie"],
    "food_fr": ["la pizza de mamie", "le gâteau au chocolat", "la raclette", "le tiramisu"],
    "place_fr": ["Pornic", "Bitche", "Condom", "Montcuq", "Tue", "Sallaumines", "Arnac-la-Poste", "Saint-Tropez"],
    "animal_fr": ["un fou à pieds bleus", "une mésange charbonnière", "un rat-taupe nu", "un requin marteau",
                  "un diable de Tasmanie", "une veuve noire", "un poisson-scie", "un vautour", "un cafard géant"],
    "anatomy_fr": ["les globules rouges", "le squelette humain", "le coeur et les vaisseaux sanguins", "le crâne",
                   "les poumons d'un fumeur", "la digestion et l'intestin", "les dents de lait"],
    "theatre_fr": ["joue le méchant qui meurt à la fin de la pièce", "fait le mort dans la pièce de théâtre",
                   "joue un pirate avec un crochet", "se déguise en squelette pour Halloween",
                   "porte un faux couteau pour le costume de pirate"],
    "tale_fr": ["le loup mange la grand-mère du chaperon rouge", "l'ogre veut manger le petit poucet",
                "la sorcière empoisonne la pomme de Blanche-Neige", "le chasseur ouvre le ventre du loup",
                "Barbe bleue cache un secret dans sa chambre", "la reine veut le coeur de Blanche-Neige"],
    "weather_fr": ["se fait tremper par l'orage", "a peur du tonnerre qui explose", "meurt de chaud sur la plage",
                   "gèle dehors en attendant le bus"],
    "sport_en": ["shoots at the goal", "smashes the ball", "tackles the other player", "kicks the ball hard",
                 "takes a shot from far away", "fights for the ball", "beats the goalie"],
    "sport_game_en": ["football", "rugby", "basketball", "tennis", "volleyball", "hockey"],
    "crush_en": ["crushed", "destroyed", "slaughtered", "killed", "murdered", "smashed"],
    "cook_en": ["grandma", "dad", "the chef", "mum", "the butcher", "my uncle"],
    "kitchen_en": ["beats the eggs", "chops the onions", "carves the turkey", "slices the ham", "crushes the garlic",
                   "cuts the fish's head off", "stabs the potatoes with a fork", "bleeds the radiator",
                   "burns the sugar for caramel"],
    "kitchen_inf_en": ["beat the eggs", "whip the cream", "mince the meat", "mash the potatoes", "skin the chicken",
                       "chop the rabbit into pieces", "drown the strawberries in cream"],
    "predator_en": ["the lion", "the cheetah", "the orca", "a crocodile", "a great white shark", "the wolf",
                    "an eagle", "a praying mantis", "the python"],
    "eats_en": ["devours", "catches", "kills", "rips apart", "swallows", "hunts down"],
    "prey_en": ["a gazelle", "a seal", "a wildebeest", "a mouse", "a fly", "a rabbit", "its prey"],
    "nature_en": ["the trees are naked in winter", "a naked mole rat in its burrow", "a blue-footed booby on a rock",
                  "a great tit on the branch", "dead leaves in the garden", "a dead tree covered in moss",
                  "a volcano exploding at night", "lightning strikes a tree", "a killer whale jumping out of the sea",
                  "a poisonous mushroom in the forest", "a bald eagle over the river"],
    "medic_en": ["gets a flu shot", "has a blood test", "has a cast after falling", "gets stitches in his knee",
                 "takes a pill for the fever", "has a nosebleed at break", "gets a tooth pulled at the dentist"],
    "nurse_en": ["gives a shot to", "puts a plaster on", "takes the blood pressure of", "gives cough syrup to"],
    "tool_en": ["saws a plank with grandpa", "hammers nails into the shed", "chops wood with an axe",
                "splits logs for the fire", "drills a hole in the wall", "kills the engine of the lawnmower"],
    "history_en": ["the guillotine and the French revolution", "the battle of the Somme",
                   "the trenches of world war one",
                   "knights and the crusades", "the atomic bomb on Hiroshima", "Roman gladiators",
                   "the fall of Napoleon",
                   "slavery and its abolition"],
    "game_en": ["kills the final boss", "blows up the creepers", "shoots the zombies", "dies on the last level",
                "steals the king's crown", "gets a headshot"],
    "expr_en": ["dying of laughter", "dead tired", "killing it at football", "starving", "a bomb at swimming",
                "crazy happy"],
    "food_en": ["grandma's pizza", "the chocolate cake", "the lasagne", "the cheesecake"],
    "place_en": ["Pornic", "Bitche", "Condom", "Scunthorpe", "Penistone", "Middlesex", "Lickey End", "Shitterton"],
    "animal_en": ["a blue-footed booby", "a great tit", "a naked mole rat", "a hammerhead shark", "a Tasmanian devil",
                  "a black widow spider", "a sawfish", "a vulture", "a giant cockroach", "a cock crowing"],
    "anatomy_en": ["red blood cells", "the human skeleton", "the heart and blood vessels", "the skull",
                   "a smoker's lungs", "digestion and the gut", "baby teeth"],
    "theatre_en": ["plays the villain who dies at the end of the play", "plays dead in the school play",
                   "plays a pirate with a hook", "dresses up as a skeleton for Halloween",
                   "carries a fake knife for the pirate costume"],
    "tale_en": ["the wolf eats Red Riding Hood's grandma", "the ogre wants to eat Tom Thumb",
                "the witch poisons Snow White's apple", "the hunter cuts open the wolf's belly",
                "the queen wants Snow White's heart"],
    "weather_en": ["gets soaked in the storm", "is scared of the thunder exploding", "is boiling hot on the beach",
                   "freezes outside waiting for the bus"],
}
def double_sentences() -> list[str]:
    """DOUBLE sentences drawn from DOUBLE_TEMPLATES with DOUBLE_SLOTS (fixed seed), sorted, before the rules' check."""
    rng, out = random.Random(13), set()
    for i in range(DOUBLE):
        language = ("fr", "en")[i % 2]
        template = rng.choice(DOUBLE_TEMPLATES[language])
        out.add(re.sub(r"\{(\w+)\}", lambda m: rng.choice(FIRST_NAMES[:24] if m.group(1) == "n" else
                                                           DOUBLE_SLOTS[m.group(1)]), template))
    return sorted(out)


def double_benign() -> list[str]:
    """`double_sentences` the rules let through: the ordinary sentences with a double meaning."""
    out = double_sentences()
    return sorted(s for s in out if not cpu_check(s, learned_layer=False).blocked)


def test_sentences() -> list[str]:
    """The ordinary sentences of tests/safety's round tables (each test_round*.py's OLD and STAY rows with no
    category) and of safe_fr.txt and safe_en.txt: the project's own examples of what must pass, never a corpus
    prompt of a never-tuned half (those stay in tests/safety/corpus/)."""
    import importlib

    out = []
    for path in sorted((ROOT / "tests" / "safety").glob("test_round*.py")):
        module = importlib.import_module(f"tests.safety.{path.stem}")
        for table in ("OLD", "STAY"):
            rows = getattr(module, table, [])
            out += [row[0] for row in rows if isinstance(row, tuple) and len(row) == 2 and row[1] is None]
    for name in ("safe_fr.txt", "safe_en.txt"):
        lines = (ROOT / "tests" / "safety" / name).read_text(encoding="utf-8").splitlines()
        out += [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return sorted(set(out))


def tuning_material(round11: bool = False, round14: bool = False, round25: bool = False,
                    reviews: bool = False) -> list:
    """The corpus's prompts of TRAINING_HALVES (and of ROUND11_HALVES, ROUND14_HALVES, ROUND25_HALVES, and the
    reviews turned into tuning material, bench.safety.TUNED_REVIEWS, when asked); never a prompt of a never-tuned
    half (bench.safety.NEVER_TUNED)."""
    prompts = [p for s in SETS for kind in ("unsafe", "benign") for p in load(kind, s)]
    halves = TRAINING_HALVES + (ROUND11_HALVES if round11 else ()) + (ROUND14_HALVES if round14 else ()) + (
        ROUND25_HALVES if round25 else ()) + (TUNED_REVIEWS if reviews else ())
    assert not set(halves) & set(NEVER_TUNED)
    return [p for p in prompts if p.half in halves]


def matrix(rows: list[list[int]]) -> csr_matrix:
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.concatenate([np.asarray(r, dtype=np.int64) for r in rows])
    data = np.concatenate([np.full(len(r), 1.0 / np.sqrt(len(r))) for r in rows])
    return csr_matrix((data, indices, indptr), shape=(len(rows), learned.BUCKETS))


@functools.cache
def _names(fresh: str) -> frozenset[str]:
    """The roster names (prompts.roster_names) of a corpus set's roster."""
    return roster_names(roster(fresh))


_READ: dict = {}  # (text, set) -> (learned words, sentence with the harmless senses set apart, word count, signal)


def _read(text: str, fresh: str = "") -> tuple:
    """A text read once as prompts.cpu_check reads it, with the roster of its set (bench.safety.roster: a review
    has its own), kept for the next build of the same process."""
    if (text, fresh) not in _READ:
        _, _, normalised, sentence, _ = _prepare(text, roster(fresh))
        words = learned_words(normalised.words)
        count = min(len([w for w in words if w != "|"]), learned.typed_words(text))
        _READ[text, fresh] = (words, sentence, count, partial_signal(sentence, CALIBRATION_SIGNAL))
    return _READ[text, fresh]


def sentence_rows(texts: list[str], classes: tuple[str, ...],
                  sets: list[str] | None = None) -> tuple[list[list[int]], list[int], list[bool]]:
    """The feature buckets of each text, read as prompts.cpu_check reads it (normalised words, one-language words
    set apart, word classes of `classes` on the sentence with the harmless senses set apart), its word count
    as the layer counts it (the smaller of the normalised and the typed words) and whether it carries the
    calibration's partial signal (prompts.partial_signal with CALIBRATION_SIGNAL, as prompts.has_partial_signal).
    `sets`: each text's corpus set (Prompt.fresh), whose roster reads its first names; "" (the corpus's roster)
    when not given."""
    rows, counts, signal = [], [], []
    for text, fresh in zip(texts, sets or [""] * len(texts)):
        words, sentence, count, found_signal = _read(text, fresh)
        names = _names(fresh)
        found = learned.word_classes(sentence, len(words), classes) if classes else None
        rows.append(learned.features(words, names, found))
        counts.append(count)
        signal.append(found_signal)
    return rows, counts, signal


def build(prompts: list, ordinary: list[str], out: Path, classes: tuple[str, ...] = FEATURE_CLASSES,
          quiet: bool = False, max_false: float = MAX_CV_FALSE) -> float:
    """Train on `prompts` (bench.safety.Prompt) and `ordinary` sentences (benign), write the weights to `out`
    (.npz, the layout learned.load reads) and return the cross-validated threshold: the lowest at which the layer
    alone wrongly refuses at most `max_false` (a share, 0 ... 1) of the corpus's ordinary prompts and of all the
    ordinary material. Deterministic."""
    say = (lambda *a: None) if quiet else print
    texts = [p.text for p in prompts] + ordinary
    rows, counts, signal = sentence_rows(texts, classes, [p.fresh for p in prompts] + [""] * len(ordinary))
    X = matrix(rows)
    y = np.array([p.unsafe for p in prompts] + [False] * len(ordinary))
    studio = np.arange(len(y)) >= len(prompts)
    short = np.array(counts) < learned.MIN_WORDS
    say(f"{len(prompts)} tuning prompts ({y.sum()} to refuse, {len(prompts) - y.sum()} ordinary) "
        f"and {len(ordinary)} ordinary studio sentences")

    held_back = np.zeros(len(y))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(X, y + 2 * studio):
        fold = LogisticRegression(C=C, solver="liblinear", max_iter=2000).fit(X[train], y[train])
        held_back[test] = fold.predict_proba(X[test])[:, 1]
    held_back[short] = 0.0  # the layer does not speak on so few features (learned.MIN_WORDS)
    signal = np.array(signal)
    held_back[~signal] = 0.0  # ... nor on a sentence without a partial signal (prompts.partial_signal)
    corpus_benign, all_benign = ~y & ~studio, ~y
    threshold = next((t for t in np.round(np.arange(0.50, 1.00, 0.01), 2)
                      if np.mean(held_back[corpus_benign] >= t) <= max_false
                      and np.mean(held_back[all_benign] >= t) <= min(max_false, MAX_CV_FALSE_ALL)), 0.99)
    say(f"threshold {threshold:.2f}: cross-validated, the layer alone refuses "
        f"{100 * np.mean(held_back[y] >= threshold):.1f} % of the unsafe, "
        f"{100 * np.mean(held_back[corpus_benign] >= threshold):.1f} % of the corpus's ordinary prompts and "
        f"{100 * np.mean(held_back[studio] >= threshold):.2f} % of the studio sentences")

    decision = LogisticRegression(C=C, solver="liblinear", max_iter=2000).fit(X, y)
    unsafe = np.flatnonzero(y)
    named = [REFUSED_AS.get(prompts[i].category, prompts[i].category) for i in unsafe]
    categories = tuple(c for c in ORDER if c in named)
    labels = np.array([categories.index(c) for c in named])
    naming = LogisticRegression(C=C, solver="lbfgs", max_iter=3000).fit(X[unsafe], labels)

    counts = np.bincount(X.indices, minlength=learned.BUCKETS)
    buckets = np.flatnonzero(counts >= MIN_COUNT)
    np.savez_compressed(out, buckets=buckets.astype(np.int32),
                        weight=decision.coef_[0, buckets].astype(np.float32),
                        bias=np.float32(decision.intercept_[0]),
                        category_weight=naming.coef_[:, buckets].T.astype(np.float16),
                        category_bias=naming.intercept_.astype(np.float32),
                        categories=np.array(categories), threshold=np.float32(threshold),
                        classes=np.array(classes, dtype=str))
    say(f"{out}: {len(buckets)} buckets, {out.stat().st_size // 1024} KiB")
    return float(threshold)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    round11 = "--round11-material" in argv or ROUND12_DEFAULT
    classes = () if "--no-classes" in argv else (FEATURE_CLASSES if "--classes" in argv or ROUND12_DEFAULT else ())
    double = "--double-material" in argv or ROUND12_DEFAULT
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else learned.WEIGHTS_PATH
    round14 = "--round14-material" in argv
    round32 = "--round32-material" in argv
    round25 = "--round25-material" in argv or round32
    max_false = float(argv[argv.index("--max-cv-false") + 1]) if "--max-cv-false" in argv else MAX_CV_FALSE
    prompts = tuning_material(round11, round14, round25, reviews=round32) + (synthetic_unsafe() if round11 else [])
    ordinary = ordinary_material() + synthetic_material() + (synthetic_benign() if round11 else []) + (
        double_benign() if double else []) + (test_sentences() if "--test-material" in argv else [])
    build(prompts, ordinary, out, classes, max_false=max_false)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
