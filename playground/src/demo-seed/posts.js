/**
 * The demo's blog posts, each in en, fr and de. The English slug is the seed's key (a post is
 * created once); the pictures are file names in the Media Library (uploaded once). Each locale has
 * its own SEO keywords: with `locales` on, the alt text in that locale is written from them.
 */
const paragraph = (text) => ({ type: 'paragraph', children: [{ type: 'text', text }] });
const heading = (text) => ({ type: 'heading', level: 2, children: [{ type: 'text', text }] });

const post = (title, slug, keywords, metaDescription, [section, ...paragraphs]) => ({
  title,
  slug,
  body: [heading(section), ...paragraphs.map(paragraph)],
  seo: { metaTitle: title, metaDescription, keywords },
});

const POSTS = [
  {
    key: 'blue-ridge-trail',
    cover: 'ridge',
    gallery: ['lake', 'forest'],
    locales: {
      en: post('Three days on the Blue Ridge', 'blue-ridge-trail', 'hiking, ridge, autumn', 'A three-day hike along the ridge, camping by the lake.', [
        'Day one',
        'We set off from the gap at dawn, the valley still under fog.',
        'By evening the lake below the ridge was our camp.',
      ]),
      fr: post('Trois jours sur la Blue Ridge', 'trois-jours-blue-ridge', 'randonnée, crête, automne', 'Trois jours de marche sur la crête, bivouac au bord du lac.', [
        'Premier jour',
        "Départ du col à l'aube, la vallée encore dans la brume.",
        'Le soir, le lac au pied de la crête était notre camp.',
      ]),
      de: post('Drei Tage auf dem Blue Ridge', 'drei-tage-blue-ridge', 'Wandern, Bergkamm, Herbst', 'Drei Tage auf dem Kamm, Zelten am See.', [
        'Erster Tag',
        'Wir brachen im Morgengrauen auf, das Tal lag noch im Nebel.',
        'Am Abend schlugen wir das Lager am See unter dem Kamm auf.',
      ]),
    },
  },
  {
    key: 'coastal-kayaking',
    cover: 'coast',
    gallery: [],
    locales: {
      en: post('Kayaking along the coast', 'coastal-kayaking', 'sea kayak, coastline, beach', 'A day of paddling from cove to cove.', [
        'Cove to cove',
        'Calm water in the morning, a headwind after lunch.',
      ]),
      fr: post('En kayak le long de la côte', 'kayak-le-long-de-la-cote', 'kayak de mer, littoral, plage', "Une journée de pagaie d'une crique à l'autre.", [
        "D'une crique à l'autre",
        "Mer calme le matin, vent de face après le déjeuner.",
      ]),
      de: post('Mit dem Kajak an der Küste', 'kajak-an-der-kueste', 'Seekajak, Küste, Strand', 'Ein Tag paddeln von Bucht zu Bucht.', [
        'Von Bucht zu Bucht',
        'Morgens ruhiges Wasser, nach dem Mittag Gegenwind.',
      ]),
    },
  },
  {
    key: 'desert-night-sky',
    cover: 'night',
    gallery: [],
    locales: {
      en: post('A night under the desert sky', 'desert-night-sky', 'stargazing, desert, night sky', 'No moon, no town lights: the Milky Way from the dunes.', [
        'After sunset',
        'The dunes cool quickly; the first stars appear within the hour.',
      ]),
      fr: post('Une nuit sous le ciel du désert', 'nuit-ciel-du-desert', 'astronomie, désert, ciel nocturne', 'Ni lune ni lumières : la Voie lactée depuis les dunes.', [
        'Après le coucher du soleil',
        "Les dunes refroidissent vite ; les premières étoiles paraissent dans l'heure.",
      ]),
      de: post('Eine Nacht unter dem Wüstenhimmel', 'nacht-unter-dem-wuestenhimmel', 'Sternbeobachtung, Wüste, Nachthimmel', 'Kein Mond, keine Stadt: die Milchstraße von den Dünen aus.', [
        'Nach Sonnenuntergang',
        'Die Dünen kühlen schnell ab; die ersten Sterne erscheinen binnen einer Stunde.',
      ]),
    },
  },
];

/** The Media Library name of a seeded picture. */
const pictureFileName = (picture) => `demo-${picture}.jpg`;

module.exports = { POSTS, pictureFileName };
