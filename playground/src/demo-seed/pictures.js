const sharp = require('sharp');

/**
 * The demo's pictures, drawn here rather than shipped as binaries: the seed stays offline and the
 * repository small. Simple scenes, so the Media Library shows something recognisable; the
 * emulator describes their pixels (size, dominant colour), each picture's differently.
 */
const WIDTH = 960;
const HEIGHT = 640;

const sky = (top, bottom) =>
  `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>` +
  `<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#sky)"/>`;

const SCENES = {
  ridge:
    sky('#6fa8dc', '#cfe2f3') +
    '<circle cx="760" cy="140" r="60" fill="#ffd966"/>' +
    '<polygon points="0,420 180,220 330,360 500,180 700,380 860,260 960,330 960,640 0,640" fill="#3d5a80"/>' +
    '<polygon points="0,520 220,380 420,500 640,360 960,500 960,640 0,640" fill="#2f6b3a"/>',
  lake:
    sky('#9fc5e8', '#eaf2fb') +
    '<polygon points="0,330 240,170 470,330 700,200 960,330" fill="#5b7c99"/>' +
    '<rect y="330" width="960" height="310" fill="#1f5fa8"/>' +
    '<polygon points="0,330 240,470 470,330 700,440 960,330" fill="#3f6f98" opacity="0.6"/>',
  forest:
    sky('#b6d7a8', '#e6f2e0') +
    '<rect y="500" width="960" height="140" fill="#38761d"/>' +
    Array.from({ length: 9 }, (_, i) => {
      const x = 40 + i * 110;
      return `<polygon points="${x},540 ${x + 55},${200 + (i % 3) * 50} ${x + 110},540" fill="#274e13"/><rect x="${x + 48}" y="540" width="14" height="40" fill="#5b3a1e"/>`;
    }).join(''),
  coast:
    sky('#76a5af', '#d0e0e3') +
    '<rect y="300" width="960" height="220" fill="#0b7a85"/>' +
    '<polygon points="0,520 960,470 960,640 0,640" fill="#e6cfa0"/>' +
    '<ellipse cx="430" cy="400" rx="120" ry="16" fill="#e69138"/><line x1="350" y1="360" x2="510" y2="440" stroke="#222" stroke-width="6"/>',
  night:
    sky('#0b1a3a', '#24345c') +
    Array.from({ length: 60 }, (_, i) => `<circle cx="${(i * 157) % WIDTH}" cy="${(i * 71) % 380}" r="${1 + (i % 3)}" fill="#fff"/>`).join('') +
    '<polygon points="0,520 260,430 540,500 780,420 960,470 960,640 0,640" fill="#7a4b22"/>',
};

/** The JPEG bytes of a named scene. */
const drawPicture = (scene) => {
  const shapes = SCENES[scene];
  if (!shapes) throw new Error(`no demo picture named "${scene}"`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">${shapes}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
};

module.exports = { drawPicture, PICTURES: Object.keys(SCENES) };
