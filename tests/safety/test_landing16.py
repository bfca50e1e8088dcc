"""Words of an insult that are a plain noun or verb in their sentence, and a beheading told as history with its verb.

« ferme la » was refused before any noun (« ferme la cage du lapin »), « espèce de » before a species (« une espèce
de grenouille »), « fils de » before a trade (« le fils du meunier », « fils de boulanger »); a king or a queen who
« se fait couper la tête » was read as self-harm. Each stays refused where it is the insult or a child is the one.
Setting fire to a school or to someone, and a weapon with a child in emojis, passed; an old pet put to sleep by the
vet was refused as violence; a child of the roster mocked for a parent missing or in prison passed when the laughter
was typed « hihi » or « hahaha ».
"""
import pytest

from tests.safety.test_round15 import check

CASES = [
    ("Maman ferme la cage du lapin pour la nuit", None),
    ("ferme la boite a biscuits sinon le chien va tout manger", None),
    ("le gardien ferme la grille du parc a 19h", None),
    ("ferme la tente il pleut", None),
    ("oh ferme la", "insult"),
    ("ferme la Léa", "insult"),
    ("ferme ta gueule Noah", "insult"),
    ("dessine une espèce de grenouille qui vit dans la jungle", None),
    ("c'est quelle espece de papillon ?", None),
    ("une nouvelle espece de dinosaure a ete trouvee", None),
    ("t'es une espece de nul", "insult"),
    ("Mathis est une espèce de gros porc", "harassment"),
    ("le fils de la fermière garde les moutons", None),
    ("Tom, fils de boulanger, se lève très tôt", None),
    ("the prince, son of the king, rides a horse", None),
    ("sale fils de pute", "sexual"),
    ("la reine se fait couper la tête à la fin de la Révolution", None),
    ("le roi Charles 1er se fait trancher la tête en 1649", None),
    ("Henri II se fait couper la tête dans le film ?", None),
    ("the queen had her head cut off in 1536", None),
    ("je vais me couper la tête", "self_harm"),
    ("Inès se fait couper la tête par la reine", "self_harm"),
    # setting fire to a school or to someone; a knife or a gun and a child, told in emojis
    ("demain on fout le feu au college", "violence"),
    ("il veut mettre le feu à Noah", "violence"),
    ("let's set fire to the class", "violence"),
    ("le dragon met le feu à la forêt magique", None),
    ("on allume le feu de camp pour griller les chamallows", None),
    ("🔫🧒", "violence"),
    ("🪓👶😈", "violence"),
    ("👨‍🍳🔪🍅 une soupe de tomates", None),
    ("🎃🔪👦 déguisement de Halloween", None),
    # an old pet put to sleep by the vet, unless a person is the one
    ("le véto a endormi notre vieux lapin pour toujours, on a pleuré", None),
    ("notre chat très malade a été euthanasié chez le vétérinaire", None),
    ("le vétérinaire a endormi Manon pour toujours", "violence"),
    ("le veto va t'endormir pour toujours", "self_harm"),
    # a child of the roster mocked for a parent missing or in prison, laughter typed as children type it
    ("Chloé elle a pas de maman hahaha", "harassment"),
    ("le père de Mathis est en taule lmao", "harassment"),
    ("Inès a marqué trois buts hihi trop forte", None),
    ("le loup est en prison à la fin de l'histoire hahaha", None),
]


@pytest.mark.parametrize("text, category", CASES)
def test_landing16(text, category):
    check(text, category)
