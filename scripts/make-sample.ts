// Generates the shipped sample under data/ (see data/README.md). Deterministic: a fixed seed drives
// every choice, so re-running rewrites byte-identical files.
//   node --import tsx scripts/make-sample.ts
// Texts come from hand-written templates and slot-value lists. Markup inside templates and values,
// `[surface](LABEL)`, marks entity spans; `{LABEL}` / `{LABEL:pool}` draws a labelled value from a
// pool, `{pool}` (lower case) an unlabelled one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setHashes } from '../lib/data/hashes';
import { writeJsonl } from '../lib/data/jsonl';
import { utf16ToCodePoint } from '../lib/data/prodigy';
import { tokenize } from '../lib/data/tokenize';
import type { Span } from '../lib/data/types';
import { mulberry32 } from '../lib/util/mulberry32';

const SEED = 20240611;
const root = join(__dirname, '..', 'data');

const random = mulberry32(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
const chance = (p: number) => random() < p;
function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

// ---------------------------------------------------------------------------------------------
// Chatbot sample: a travel, food and music assistant.

const POOLS: Record<string, readonly string[]> = {
  CITY: [
    'Lisbon', 'Kraków', 'São Paulo', 'Reykjavík', 'Osaka', 'Marrakesh', 'New York', 'Buenos Aires', 'Mexico City',
    'Cape Town', 'Hanoi', 'Edinburgh', 'Porto', 'Seville', 'Berlin', 'Vienna', 'Tbilisi', 'Montreal', 'Nairobi',
    'Oaxaca', 'Singapore', 'Melbourne', 'Dublin', 'Copenhagen', 'Istanbul', 'Athens', 'Bologna', 'Lyon', 'Chicago',
    'Vancouver', 'Seoul', 'Bangkok', 'Lima', 'Zürich', 'Tallinn', 'Accra', 'Valencia', 'Glasgow',
  ],
  DATE: [
    'tomorrow', 'tonight', 'this weekend', 'next weekend', 'next Friday', 'next Tuesday', 'this Saturday',
    'on [Sunday](DATE)', 'on [June 12](DATE)', 'on [the 3rd of May](DATE)', 'on [Christmas Eve](DATE)', 'in [August](DATE)',
    'the day after tomorrow', 'on [Monday morning](DATE)', 'next month', 'on [Thursday](DATE)', 'on [March 21st](DATE)',
    'over [Easter](DATE)', 'on [New Year\'s Eve](DATE)', 'this Friday night',
  ],
  day: ['Friday', 'Sunday', 'June 12', 'the 3rd', 'the 14th', 'Monday', 'July 1st', 'the 22nd', 'Wednesday', 'October 9'],
  month: ['January', 'February', 'April', 'July', 'September', 'November', 'December'],
  airline: ['Lufthansa', 'KLM', 'Air France', 'easyJet', 'Iberia', 'TAP', 'Ryanair', 'Qantas', 'Aer Lingus', 'Turkish Airlines', 'Delta', 'Finnair'],
  restaurant: ['Dishoom', 'Casa Lucia', 'The Green Fig', 'Blue Lotus', 'Taberna do Mar', 'Sakura House', 'Le Petit Zinc', 'Bao Brothers', 'Trattoria Nonna', 'Mama Ngozi Kitchen'],
  hotel: ['Hilton', 'Ibis', 'Marriott', 'Hotel Miramar', 'Park Lane Inn', 'Generator Hostel', 'Novotel', 'Casa Azul Suites', 'Hotel Alma'],
  service: ['Spotify', 'Deezer', 'Apple Music', 'YouTube Music', 'Tidal', 'Bandcamp'],
  artist: [
    'Nina Simone', 'Miles Davis', 'Fela Kuti', 'Björk', 'Rosalía', 'Beyoncé', 'Kendrick Lamar', 'Billie Eilish', 'Bob Marley',
    'Aretha Franklin', 'Ali Farka Touré', 'Caetano Veloso', 'Taylor Swift', 'Stromae', 'Ella Fitzgerald', 'Frank Ocean',
    'Nils Frahm', 'Ravi Shankar', 'Joni Mitchell', 'David Bowie', 'Dua Lipa', 'Bad Bunny',
  ],
  friend: ['Maya', 'Tom', 'Aisha', 'Lukas', 'Priya', 'Diego', 'Hannah', 'Kenji', 'Olu', 'Sofia', 'Grandma Rose', 'Uncle Ben'],
  DISH: [
    'ramen', 'pad thai', 'dim sum', 'tacos al pastor', 'sushi', 'paella', 'pho', 'pizza', 'biryani', 'falafel', 'pierogi',
    'jollof rice', 'khachapuri', 'bibimbap', 'ceviche', 'fish and chips', 'shakshuka', 'dumplings', 'moussaka', 'laksa',
    'burritos', 'pastéis de nata',
  ],
  cuisine: ['Thai', 'Ethiopian', 'Italian', 'Georgian', 'Peruvian', 'Korean', 'Lebanese', 'Mexican', 'Vietnamese', 'Indian'],
  genre: ['jazz', 'lo-fi hip hop', 'bossa nova', 'afrobeat', 'classical piano', '90s R&B', 'techno', 'indie folk', 'reggaeton', 'ambient'],
  songby: [
    'Feeling Good by [Nina Simone](PERSON)', 'So What by [Miles Davis](PERSON)', 'Army of Me by [Björk](PERSON)',
    'Water No Get Enemy by [Fela Kuti](PERSON)', 'Malamente by [Rosalía](PERSON)', 'Respect by [Aretha Franklin](PERSON)',
    'Heroes by [David Bowie](PERSON)', 'Both Sides Now by [Joni Mitchell](PERSON)', 'Alors on danse by [Stromae](PERSON)',
    'Redemption Song by [Bob Marley](PERSON)', 'Pink + White by [Frank Ocean](PERSON)',
  ],
};

const INTENTS = ['BOOK_FLIGHT', 'FIND_RESTAURANT', 'PLAY_MUSIC', 'GET_WEATHER', 'BOOK_HOTEL'] as const;
type Intent = (typeof INTENTS)[number];
const INTENT_TEXT: Record<Intent, string> = {
  BOOK_FLIGHT: 'Book a flight',
  FIND_RESTAURANT: 'Find a restaurant',
  PLAY_MUSIC: 'Play music',
  GET_WEATHER: 'Weather',
  BOOK_HOTEL: 'Book a hotel',
};

const TEMPLATES: Record<Intent, string[]> = {
  BOOK_FLIGHT: [
    'book me a flight to {CITY} {DATE}',
    'I need to fly from {CITY} to {CITY} {DATE}',
    'are there any {ORG:airline} flights from {CITY} to {CITY} {DATE}?',
    'find the cheapest flight to {CITY} leaving {DATE}',
    'can you get me a return ticket to {CITY}, out on {DATE:day} and back on {DATE:day}',
    'my sister and I want to visit {CITY} {DATE}, what flights are there?',
    'is there a direct flight from {CITY} to {CITY}?',
    'Book a window seat on the {ORG:airline} flight to {CITY}, please.',
    "I'd like to fly {ORG:airline} to {CITY} {DATE}",
    'get me on the first flight out of {CITY} {DATE}',
    'Flights to {CITY} under 200 euros {DATE}?',
    "we're flying to {CITY} for {PERSON:friend}'s wedding {DATE}, can you book two seats",
    'change my flight to {CITY} so it leaves on {DATE:day} instead',
    'What time does the {ORG:airline} flight from {CITY} land?',
    'I want a one-way ticket to {CITY}',
    'can I still get a seat to {CITY} {DATE}?',
    'book flights for me and {PERSON:friend} to {CITY}',
    'search flights {CITY} to {CITY}, {DATE}, economy',
    'How much is a business class ticket with {ORG:airline} to {CITY}?',
    'please book the evening flight to {CITY} {DATE}',
    'I have to be in {CITY} by {DATE:day}, what are my options for flying?',
  ],
  FIND_RESTAURANT: [
    'find a good {DISH} place in {CITY}',
    'where can I get {DISH} near me?',
    'book a table for four at {ORG:restaurant} {DATE}',
    'any {cuisine} restaurants open late in {CITY}?',
    "I'm craving {DISH}, what's nearby?",
    'Reserve a table at {ORG:restaurant} in {CITY} for {DATE:day}.',
    'recommend somewhere for {DISH} in {CITY} that takes walk-ins',
    'is {ORG:restaurant} open {DATE}?',
    'find me a vegetarian spot in {CITY} that does {DISH}',
    'dinner for two {DATE}, somewhere with good {DISH}',
    'Who makes the best {DISH} in {CITY} according to reviews?',
    "can you get us a table at {ORG:restaurant} for {PERSON:friend}'s birthday {DATE}",
    'where do locals eat {DISH} in {CITY}?',
    'book brunch at {ORG:restaurant} {DATE} at 11',
    'show me cheap places for {DISH} around here',
    'I want {DISH} tonight, anywhere in {CITY} that delivers?',
    'table for six at a {cuisine} place in {CITY}, {DATE}',
    'Does {ORG:restaurant} have {DISH} on the menu?',
    "I'm hungry, what's good around here?",
    '{PERSON:friend} is visiting {DATE}, where should we take them for {DISH}?',
  ],
  PLAY_MUSIC: [
    'play something by {PERSON:artist}',
    "put on {PERSON:artist}'s latest album",
    'play {songby}',
    'I want to hear some {genre}',
    'shuffle my {genre} playlist',
    'Play {PERSON:artist} on {ORG:service}.',
    'can you play that song {PERSON:artist} did with {PERSON:artist}',
    'turn on some {genre} for the drive to {CITY}',
    'queue up {PERSON:artist} after this',
    'play the new {PERSON:artist} record',
    'play music like {PERSON:artist}',
    'Start a radio station based on {PERSON:artist}.',
    'play the {PERSON:artist} concert recorded in {CITY}',
    "I'm in the mood for {PERSON:artist}",
    'put some {genre} on, quietly',
    'play {PERSON:artist} from {ORG:service}',
    'next song, and then play some {PERSON:artist}',
    'play the playlist {PERSON:friend} shared with me',
    'play something relaxing',
    'could you put {songby} on repeat',
  ],
  GET_WEATHER: [
    "what's the weather in {CITY} {DATE}?",
    'will it rain in {CITY} {DATE}?',
    'do I need an umbrella {DATE}?',
    'How hot will it get in {CITY} {DATE}?',
    'weather forecast for {CITY}',
    'is it going to snow in {CITY} {DATE}?',
    "what's the temperature in {CITY} right now",
    'should I pack a jacket for {CITY} {DATE}?',
    'how windy is it in {CITY} {DATE}',
    'Tell me the forecast for {DATE:day}.',
    'is it sunny in {CITY}?',
    'Any storms expected in {CITY} {DATE}?',
    'what will the weather be like for our trip to {CITY} {DATE}',
    'is it warmer in {CITY} or {CITY} {DATE}?',
    'will the weather be good for a picnic {DATE}?',
    'how cold does {CITY} get in {DATE:month}?',
    'is it still raining outside?',
    'what should I wear in {CITY} {DATE}, is it cold?',
  ],
  BOOK_HOTEL: [
    'book a hotel in {CITY} from {DATE:day} to {DATE:day}',
    'find me a room in {CITY} {DATE}',
    'is there availability at the {ORG:hotel} in {CITY} {DATE}?',
    'I need a double room in {CITY} for three nights starting {DATE:day}',
    'reserve a room at {ORG:hotel} {DATE}',
    'cheap hotels near the station in {CITY}',
    'Book the {ORG:hotel} for me and {PERSON:friend} {DATE}.',
    'find a pet-friendly hotel in {CITY}',
    'can you extend my stay at the {ORG:hotel} until {DATE:day}',
    'I want a hotel with a pool in {CITY}, {DATE}',
    'Where should we stay in {CITY}?',
    'book two rooms in {CITY} for the conference {DATE}',
    'cancel my booking at {ORG:hotel} and find something else in {CITY}',
    'any boutique hotels in {CITY} under 120 a night?',
    'get me a room close to the old town in {CITY} {DATE}',
    'we need somewhere to sleep tonight, anything left?',
    '{PERSON:friend} and I are arriving in {CITY} {DATE}, find us a quiet hotel',
  ],
};

/** Emoji by intent, mostly outside the Basic Multilingual Plane (surrogate pairs in UTF-16). */
const EMOJI: Record<Intent, string[]> = {
  BOOK_FLIGHT: ['✈️', '🛫', '🌍'],
  FIND_RESTAURANT: ['🍕', '🍜', '😋'],
  PLAY_MUSIC: ['🎧', '🎶', '😀'],
  GET_WEATHER: ['🌧️', '☔', '🌞'],
  BOOK_HOTEL: ['🏨', '🛏️', '😴'],
};

/** Expands placeholders into markup; the same value is not drawn twice for one text. */
function expand(template: string): string {
  const used = new Set<string>();
  return template.replace(/\{([A-Za-z]+)(?::([a-z]+))?\}/g, (_, name: string, pool?: string) => {
    const values = POOLS[pool ?? name];
    if (!values) throw new Error(`no pool ${pool ?? name}`);
    let value = pick(values);
    for (let tries = 0; used.has(value) && tries < 20; tries++) value = pick(values);
    used.add(value);
    const labelled = name === name.toUpperCase();
    return labelled && !value.includes('](') ? `[${value}](${name})` : value;
  });
}

/** Text and UTF-16 spans from markup. */
function parseMarkup(marked: string): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  const re = /\[([^\]]+)\]\(([A-Z]+)\)/g;
  let last = 0;
  for (let m = re.exec(marked); m; m = re.exec(marked)) {
    text += marked.slice(last, m.index);
    spans.push({ start: text.length, end: text.length + m[1].length, label: m[2] });
    text += m[1];
    last = m.index + m[0].length;
  }
  return { text: text + marked.slice(last), spans };
}

/** Lower-cases like a hurried typist would, keeping offsets (only characters whose lower case has the same length). */
function lowerKeepingOffsets(text: string): string {
  return [...text].map((ch) => (ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch)).join('');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface ChatText {
  text: string;
  spans: Span[];
  intent: Intent;
}

function makeChatTexts(perIntent: number): ChatText[] {
  const seen = new Set<string>();
  const out: ChatText[] = [];
  for (const intent of INTENTS) {
    const templates = TEMPLATES[intent];
    let made = 0;
    for (let attempt = 0; made < perIntent && attempt < perIntent * 50; attempt++) {
      // Cycle through the templates so each is used, then draw at random.
      const template = made < templates.length ? templates[made] : pick(templates);
      let marked = expand(template);
      const style = random();
      if (style < 0.12) marked = `${pick(EMOJI[intent])} ${marked}`;
      else if (style < 0.17) marked = `${pick(['hey 👋', 'ok 😀', 'hi 🙂'])} ${marked}`;
      else if (style < 0.25) marked = `hey, ${marked}`;
      else if (style < 0.3) marked = /[.?!]$/.test(marked) ? `${marked} Thanks!` : `${marked}, thanks!`;
      let { text, spans } = parseMarkup(marked);
      if (chance(0.15)) text = lowerKeepingOffsets(text);
      else if (chance(0.35)) text = capitalize(text);
      if (seen.has(text)) continue;
      seen.add(text);
      checkAligned(text, spans);
      out.push({ text, spans, intent });
      made++;
    }
  }
  return shuffle(out);
}

function checkAligned(text: string, spans: Span[]): void {
  const tokens = tokenize(text);
  const starts = new Set(tokens.map((t) => t.start));
  const ends = new Set(tokens.map((t) => t.end));
  for (const s of spans) {
    if (!starts.has(s.start) || !ends.has(s.end)) {
      throw new Error(`span ${JSON.stringify(text.slice(s.start, s.end))} off token boundaries in ${JSON.stringify(text)}: ${tokens.map((t) => t.text).join('|')}`);
    }
  }
}

// Prodigy writes offsets as Python string indices (code points): convert from UTF-16.
function prodigyTokens(text: string) {
  const cp = utf16ToCodePoint(text);
  return tokenize(text).map((t, id) => ({ text: t.text, start: cp(t.start), end: cp(t.end), id, ws: text[t.end] === ' ' }));
}

function prodigySpans(text: string, spans: Span[]) {
  const tokens = tokenize(text);
  const cp = utf16ToCodePoint(text);
  return spans.map((s) => ({
    start: cp(s.start),
    end: cp(s.end),
    token_start: tokens.findIndex((t) => t.start === s.start),
    token_end: tokens.findIndex((t) => t.end === s.end),
    label: s.label,
  }));
}

function nerTask(text: string, spans: Span[], answer: string) {
  return setHashes({ text, tokens: prodigyTokens(text), spans: prodigySpans(text, spans), answer });
}

/** A plausible wrong suggestion for a binary (ner.teach-style) reject: a real entity with another label, or a stray word. */
function wrongSpan(c: ChatText): Span {
  const labels = ['CITY', 'DATE', 'PERSON', 'ORG', 'DISH'];
  if (c.spans.length && chance(0.7)) {
    const s = pick(c.spans);
    return { ...s, label: pick(labels.filter((l) => l !== s.label)) };
  }
  const tokens = tokenize(c.text).filter((t) => /^\p{L}{4,}$/u.test(t.text) && !c.spans.some((s) => s.start < t.end && t.start < s.end));
  const t = pick(tokens);
  return { start: t.start, end: t.end, label: pick(labels) };
}

function textcatTasks(c: ChatText, i: number): object[] {
  const options = INTENTS.map((id) => ({ id, text: INTENT_TEXT[id] }));
  const others = INTENTS.filter((x) => x !== c.intent);
  if (i % 5 < 3) {
    // textcat.manual with exclusive choice
    if (i % 47 === 3) return [setHashes({ text: c.text, options, accept: [], answer: 'ignore' })];
    if (i % 41 === 7) return [setHashes({ text: c.text, options, accept: [pick(others)], answer: 'reject' })];
    return [setHashes({ text: c.text, options, accept: [c.intent], answer: 'accept' })];
  }
  // textcat.teach-style binary questions: the gold label, sometimes a wrong one rejected too
  const tasks: object[] = [];
  if (i % 37 !== 4) tasks.push(setHashes({ text: c.text, label: c.intent, answer: 'accept' }));
  if (i % 4 === 0 || i % 37 === 4) tasks.push(setHashes({ text: c.text, label: pick(others), answer: 'reject' }));
  if (i % 53 === 9) tasks.push(setHashes({ text: c.text, label: pick(others), answer: 'ignore' }));
  return tasks;
}

// ---------------------------------------------------------------------------------------------
// Documents: regional business reports; paragraphs about an acquisition or an incident are INTEREST.

const DOC_POOLS: Record<string, readonly string[]> = {
  // name | sector | a product it could show at a trade fair
  company: [
    'Norhaven Freight|logistics|an overnight delivery service for pharmacies',
    'Kestrel Biotech|biotechnology|a home testing kit',
    'Halden Group|engineering|a modular footbridge',
    'Arcadia Mills|flour milling|a high-protein baking flour',
    'Brightwater Foods|food processing|a range of ready meals',
    'Tessaro Robotics|industrial robotics|a warehouse robot',
    'Lumen Grid|power distribution|a smart meter for small businesses',
    'Castellan Pharma|pharmaceuticals|a generic asthma inhaler',
    'Ostrava Steelworks|steel|a low-carbon steel grade',
    'Marlowe Textiles|textiles|a recycled cotton fabric',
    'Quayside Energy|offshore wind|a floating turbine platform',
    'Vireo Software|industrial software|a scheduling app for factories',
    'Pemberton Glass|glass|a recyclable food jar',
    'Solenne Cosmetics|cosmetics|a refillable skincare line',
    'Ridgeline Cement|building materials|a low-carbon cement',
    'Okapi Payments|payments|a payments app for small shops',
    'Fjordline Ferries|ferry transport|a hybrid-electric ferry design',
    'Saffron Air|regional aviation|a frequent-flyer app',
    'Granite Peak Mining|mining|an automated drilling rig',
    'Helix Diagnostics|medical testing|a rapid blood test',
    'Tamarind Hotels|hospitality|a loyalty app for guests',
    'Corvid Security|security|a building access system',
    'Bellweather Insurance|insurance|a flood insurance policy for farmers',
    'Ironbridge Rail|rail freight|a battery-powered shunting locomotive',
    'Amberley Dairy|dairy|a lactose-free yoghurt',
  ],
  ceo: [
    'Ingrid Solberg', 'Marcus Oduya', 'Hélène Marchand', 'Rajiv Menon', 'Carla Benedetti', 'Tomasz Wierzbicki', 'Amara Nwosu',
    'Jonas Lindqvist', 'Yuki Tanabe', 'Fatima Zahra Alaoui', 'Daniel Okafor', 'Sinéad Gallagher', 'Pedro Almeida', 'Lena Vogel',
  ],
  person: [
    'Oliver Grant', 'Nadia Petrova', 'Samuel Adeyemi', 'Chiara Russo', 'Mei Lin', 'Arjun Kapoor', 'Elena Vasquez', 'Tobias Brandt',
    'Grace Mensah', 'Hugo Lefèvre', 'Anna Kowalska', 'Kwame Boateng', 'Isabel Ortega', 'Rory McAllister', 'Leila Haddad',
  ],
  analyst: ['Peter Hollis', 'Maria Sandoval', 'Kenneth Ibe', 'Julia Strand', 'Omar Farouk', 'Beatrix Kühn'],
  bank: ['Calder Securities', 'Westmoor Capital', 'Arden Partners', 'Harcourt & Lowe', 'Northgate Research'],
  target: [
    'Pinecrest Logistics', 'Duvall Labs', 'Seabright Packaging', 'Orchid Analytics', 'Talon Components', 'Greywater Systems',
    'Meridian Cold Storage', 'Fernhill Organics', 'Cobalt Sensors', 'Wrenfield Media', 'Sable Creek Chemicals', 'Altamira Tiles',
  ],
  city: [
    'Rotterdam', 'Gdańsk', 'Leeds', 'Lyon', 'Porto', 'Bilbao', 'Aarhus', 'Tampere', 'Brno', 'Turin', 'Graz', 'Cork', 'Antwerp',
    'Malmö', 'Wrocław', 'Nantes', 'Bergen', 'Łódź', 'Dortmund', 'Valencia',
  ],
  date: [
    'on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'last week', 'earlier this month', 'on March 4',
    'on 12 June', 'in January', 'late on Sunday', 'on September 30',
  ],
  money: ['$1.2 billion', '€340 million', '£75 million', '$860 million', '€2.1 billion', '$48 million', '£410 million', '€95 million'],
  next_date: ['on October 28', 'in November', 'next month', 'on 3 February', 'in the spring', 'on April 17'],
  donation: ['€50,000', '$120,000', '£30,000', '€250,000', '$75,000'],
  small_money: ['€3 million', '$12 million', '£800,000', '€1.5 million', '$6 million'],
  year: ['1987', '1994', '2003', '2009', '2012', '1978', '2016'],
  quarter: ['the first quarter', 'the second quarter', 'the third quarter', 'the last quarter', 'the first half of the year'],
  tsector: ['logistics', 'specialty chemicals', 'food packaging', 'industrial software', 'cold storage', 'medical testing', 'sensor', 'media'],
  percent: ['4 percent', '7 percent', '12 percent', '3.5 percent', '9 percent', '15 percent'],
  count: ['120', '300', '45', '80', '1,200', '650', '2,000'],
};

// Markup names: {ORG} = the company of the document, {CEO} its chief executive (PERSON), {ORG2} an
// acquisition target, {PERSON}/{ANALYST} other people, {BANK} an ORG, {CITY}/{HQ} cities, {DATE},
// {MONEY}/{SMALL_MONEY}, {YEAR}/{QUARTER} dates; lower-case names are unlabelled fillers.
const PARAGRAPHS: Record<string, string[]> = {
  lead: [
    '{ORG}, the {sector} group based in {HQ}, had a busy few weeks. This report sums up the news from the company and its market.',
    'This report covers recent developments at {ORG}, which employs about {STAFF} people from its headquarters in {HQ}.',
    '{ORG} has been in the news again. The {HQ} company, run by {CEO} since {SINCE}, is one of the bigger names in {sector}.',
    'Here is our regular update on {ORG}, one of the larger employers in {HQ}, compiled from company statements and interviews.',
  ],
  acquisition: [
    '{ORG} said {DATE} that it had agreed to buy {ORG2}, a {tsector} company based in {CITY}, for {MONEY}. The deal still needs the approval of competition regulators.',
    'Under the agreement, {ORG} will pay {MONEY} in cash and shares for {ORG2}. {PERSON}, who founded {ORG2} in {YEAR}, will stay on to run the business as a separate unit.',
    '{CEO}, chief executive of {ORG}, told analysts that buying {ORG2} would give the group a foothold in {CITY} and add about {count} engineers to its payroll.',
    'The takeover of {ORG2} is the largest in the history of {ORG}. {BANK} advised on the transaction, which is expected to close before the end of {QUARTER}.',
    'Shareholders of {ORG2} will receive a premium of roughly {percent} over the closing price {DATE}, according to a statement from {ORG}.',
    '{ORG} also confirmed {DATE} that it is in talks to acquire a minority stake in {OTHERCO}, though {CEO} declined to say how much the company was prepared to pay.',
    'Talks between {ORG} and {ORG2} had been going on since {YEAR}, {PERSON} said. The two companies already share a distribution centre outside {CITY}.',
  ],
  incident: [
    'A fire broke out {DATE} at the {ORG} warehouse in {CITY}, forcing the evacuation of about {count} workers. Nobody was hurt, said {PERSON}, a spokesperson for the company.',
    'Production at the {CITY} plant of {ORG} was halted {DATE} after a chemical leak in one of the cooling units. Local authorities closed two nearby roads for several hours.',
    '{ORG} disclosed {DATE} that hackers had gained access to the personal data of some customers. The company said it had informed the police in {CITY} and hired {BANK} to review its systems.',
    'A delivery truck operated by {ORG} overturned near {CITY} {DATE}, spilling part of its load across the motorway. The driver was taken to hospital with minor injuries.',
    'Inspectors found cracks in a storage tank at the {CITY} site of {ORG} {DATE}. {CEO} said the tank had been emptied and that the site would stay closed until repairs were finished.',
    'A power cut {DATE} stopped the main production line of {ORG} in {CITY} for most of the day. The company estimated the cost of the outage at {SMALL_MONEY}.',
    'Flooding after heavy rain {DATE} damaged equipment at the {ORG} depot in {CITY}. {PERSON}, who manages the site, said deliveries would be delayed by up to a week.',
  ],
  earnings: [
    '{ORG} reported sales of {MONEY} for {QUARTER}, up {percent} from a year earlier, helped by strong demand in {CITY} and the surrounding region.',
    'Profit at {ORG} fell {percent} in {QUARTER} as energy costs rose. {CEO} said the company would hold its prices steady for now.',
    'Revenue at {ORG} grew by {percent} in {QUARTER}, slightly ahead of what analysts had expected. The company kept its forecast for the full year unchanged.',
  ],
  product: [
    '{ORG} showed {product} at a trade fair in {CITY} {DATE}. The company plans to start selling it in {QUARTER}.',
    'The company is also testing {product} with a handful of customers around {CITY}, {PERSON} said, adding that early feedback had been encouraging.',
    'Engineers at {ORG} spent almost two years developing {product}, which {CEO} described as the most important launch since the company was founded in {FOUNDED}.',
  ],
  people: [
    '{ORG} named {PERSON} as its new finance director {DATE}. {PERSON} previously worked at {BANK} and will be based in {HQ}.',
    '{CEO}, who has led {ORG} since {SINCE}, said she would step down at the end of the year. The board has started looking for a successor.',
    'The company plans to hire about {count} people in {CITY} over the next two years, most of them in engineering and customer service.',
  ],
  market: [
    'The {sector} market has been under pressure for most of the year as customers delay large orders and interest rates stay high.',
    'Shares in {ORG} closed {percent} higher in {HQ} {DATE}, giving the company a market value of about {MONEY}.',
    'Competitors in the region have struggled with rising wages, and several smaller firms around {CITY} have closed since {YEAR}.',
  ],
  analyst: [
    '"{ORG} has been one of the steadier names in the sector," said {ANALYST}, an analyst at {BANK}. "The question is how long it can keep growing without new markets."',
    '{ANALYST} of {BANK} said investors would watch the next results closely, particularly the margins in the {sector} business.',
    'Analysts at {BANK} raised their price target for the company {DATE}, citing a stronger order book and lower debt.',
  ],
  community: [
    '{ORG} sponsors the youth football league in {HQ} and donated {DONATION} to a local hospital {DATE}.',
    'Employees of {ORG} in {CITY} spent a day {DATE} cleaning up the riverbank near the old harbour, an event the company has organised every spring since {YEAR}.',
    'The company opened its {HQ} headquarters to visitors {DATE} for the first time, and {CEO} gave a short tour of the new training centre.',
  ],
  history: [
    '{ORG} was founded in {HQ} in {FOUNDED} as a small family business and now employs around {STAFF} people in several countries.',
    'Over the past decade {ORG} has moved most of its manufacturing from {CITY} to {HQ}, where land and energy are cheaper.',
    'The company has its roots in a workshop opened in {FOUNDED} by the grandfather of {CEO}, and the family still owns a large share of it.',
  ],
  outlook: [
    '{CEO} said she expected the second half of the year to be "challenging but manageable", and that the company had enough cash to keep investing.',
    '{ORG} will publish its next results {NEXT_DATE}. The company said it did not expect the weaker economy in {CITY} to change its plans.',
    'Looking ahead, {ORG} wants to double its sales outside {HQ} by {YEAR:future}, {CEO} told reporters.',
  ],
};
const FUTURE_YEARS = ['2027', '2028', '2030'];
const OTHER_KINDS = ['earnings', 'product', 'people', 'market', 'analyst', 'community', 'history', 'outlook'];

interface DocContext {
  org: string;
  ceo: string;
  hq: string;
  ceoPronoun: string;
  /** Year the company was founded and year the chief executive took over: fixed per document. */
  founded: string;
  since: string;
  sector: string;
  product: string;
  staff: string;
  /** The company the document's acquisition story is about. */
  target: string;
}

function expandDoc(template: string, ctx: DocContext): string {
  const used = new Set<string>([ctx.org, ctx.ceo, ctx.hq, ctx.target]);
  const draw = (pool: string) => {
    let v = pick(DOC_POOLS[pool]);
    for (let tries = 0; used.has(v) && tries < 20; tries++) v = pick(DOC_POOLS[pool]);
    used.add(v);
    return v;
  };
  // The same placeholder twice in one paragraph is the same person or company ("{ORG2} ... {ORG2}").
  const fixed = new Map<string, string>();
  const once = (key: string, make: () => string) => {
    if (!fixed.has(key)) fixed.set(key, make());
    return fixed.get(key)!;
  };
  const text = template.replace(/\{([A-Za-z_0-9]+)(?::([a-z]+))?\}/g, (_, name: string, variant?: string) => {
    switch (name) {
      case 'ORG':
        return `[${ctx.org}](ORG)`;
      case 'CEO':
        return `[${ctx.ceo}](PERSON)`;
      case 'HQ':
        return `[${ctx.hq}](CITY)`;
      case 'FOUNDED':
        return `[${ctx.founded}](DATE)`;
      case 'SINCE':
        return `[${ctx.since}](DATE)`;
      case 'ORG2':
        return `[${ctx.target}](ORG)`;
      case 'OTHERCO':
        return `[${once('OTHERCO', () => draw('target'))}](ORG)`;
      case 'sector':
        return ctx.sector;
      case 'product':
        return ctx.product;
      case 'BANK':
        return `[${once('BANK', () => draw('bank'))}](ORG)`;
      case 'PERSON':
        return `[${once('PERSON', () => draw('person'))}](PERSON)`;
      case 'ANALYST':
        return `[${once('ANALYST', () => draw('analyst'))}](PERSON)`;
      case 'CITY':
        return `[${once('CITY', () => draw('city'))}](CITY)`;
      case 'MONEY':
        return `[${draw('money')}](MONEY)`;
      case 'DONATION':
        return `[${draw('donation')}](MONEY)`;
      case 'STAFF':
        return ctx.staff;
      case 'SMALL_MONEY':
        return `[${draw('small_money')}](MONEY)`;
      case 'YEAR':
        return `[${variant === 'future' ? pick(FUTURE_YEARS) : once('YEAR', () => draw('year'))}](DATE)`;
      case 'QUARTER':
        return `[${draw('quarter')}](DATE)`;
      case 'DATE':
      case 'NEXT_DATE': {
        // "on Monday": the preposition stays outside the span, as annotators usually mark it.
        const v = draw(name === 'DATE' ? 'date' : 'next_date');
        const m = /^(on|in|late on) (.+)$/.exec(v);
        return m ? `${m[1]} [${m[2]}](DATE)` : `[${v}](DATE)`;
      }
      default:
        return draw(name);
    }
  });
  return ctx.ceoPronoun === 'he' ? text.replace(/\bshe\b/g, 'he') : text;
}

const FEMALE_CEOS = new Set(['Ingrid Solberg', 'Hélène Marchand', 'Carla Benedetti', 'Amara Nwosu', 'Yuki Tanabe', 'Fatima Zahra Alaoui', 'Sinéad Gallagher', 'Lena Vogel']);

interface Paragraph {
  text: string;
  spans: Span[];
  cats: Record<string, number>;
  meta: { doc: string; paragraph: number; kind: string; title: string };
}

function makeDocuments(count: number): Paragraph[] {
  const companies = shuffle([...DOC_POOLS.company]);
  const out: Paragraph[] = [];
  for (let d = 0; d < count; d++) {
    const [org, sector, product] = companies[d % companies.length].split('|');
    const ceo = pick(DOC_POOLS.ceo);
    const ctx: DocContext = {
      org,
      sector,
      product,
      staff: pick(['850', '1,200', '2,400', '3,100', '5,600', '640']),
      target: pick(DOC_POOLS.target),
      ceo,
      hq: pick(DOC_POOLS.city),
      ceoPronoun: FEMALE_CEOS.has(ceo) ? 'she' : 'he',
      founded: String(1948 + Math.floor(random() * 48)),
      since: String(2009 + Math.floor(random() * 13)),
    };
    const length = 5 + Math.floor(random() * 11); // 5..15 paragraphs
    const interesting = Math.min(length - 2, 1 + Math.floor(random() * 3));
    const storyKind = chance(0.5) ? 'acquisition' : 'incident';
    // Lead first, outlook last (when the report is long enough), other kinds without repeats until all were used.
    const body = length - interesting - 1;
    const withOutlook = body >= 5;
    const kinds: string[] = ['lead'];
    let deck: string[] = [];
    for (let k = 0; k < body - (withOutlook ? 1 : 0); k++) {
      if (deck.length === 0) deck = shuffle(OTHER_KINDS.filter((x) => x !== 'outlook'));
      kinds.push(deck.pop()!);
    }
    if (withOutlook) kinds.push('outlook');
    // Interest paragraphs sit together after the opening, as a report's main story would.
    // Sometimes a second, shorter story of the other kind replaces one routine paragraph.
    if (chance(0.25) && kinds.length > 2) kinds[1 + Math.floor(random() * (kinds.length - 2))] = storyKind === 'acquisition' ? 'incident' : 'acquisition';
    // The main story's paragraphs sit together, after the lead and before the outlook.
    const at = 1 + Math.floor(random() * (kinds.length - (withOutlook ? 1 : 0)));
    kinds.splice(at, 0, ...new Array<string>(interesting).fill(storyKind));
    const usedTemplates = new Set<string>();
    const docId = `report-${String(d + 1).padStart(2, '0')}`;
    const title = `${org}: ${storyKind === 'acquisition' ? 'deal talk and quarterly update' : 'operations report'}`;
    // A story's paragraphs follow their pool's order (announcement before details).
    const storyQueue = new Map<string, string[]>();
    for (const kind of ['acquisition', 'incident']) {
      const n = kinds.filter((k) => k === kind).length;
      // An acquisition story always opens with its announcement (template 0).
      const rest = shuffle(PARAGRAPHS[kind].map((_, i) => i).slice(kind === 'acquisition' ? 1 : 0));
      const chosen = (kind === 'acquisition' && n > 0 ? [0, ...rest.slice(0, n - 1)] : rest.slice(0, n)).sort((a, b) => a - b);
      storyQueue.set(kind, chosen.map((i) => PARAGRAPHS[kind][i]));
    }
    kinds.forEach((kind, p) => {
      let template = storyQueue.get(kind)?.shift() ?? pick(PARAGRAPHS[kind]);
      for (let tries = 0; usedTemplates.has(template) && tries < 20; tries++) template = pick(PARAGRAPHS[kind]);
      usedTemplates.add(template);
      const { text, spans } = parseMarkup(expandDoc(template, ctx));
      checkAligned(text, spans);
      const interest = kind === 'acquisition' || kind === 'incident' ? 1 : 0;
      out.push({ text, spans, cats: { INTEREST: interest, OTHER: 1 - interest }, meta: { doc: docId, paragraph: p, kind, title } });
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  mkdirSync(join(root, 'sample'), { recursive: true });
  mkdirSync(join(root, 'documents'), { recursive: true });

  const texts = makeChatTexts(48);
  const ner: object[] = [];
  const textcat: object[] = [];
  const mixed: object[] = [];
  texts.forEach((c, i) => {
    const tasks: object[] = [];
    if (i % 40 === 11) tasks.push(nerTask(c.text, c.spans, 'ignore'));
    else if (i % 60 === 23) tasks.push(nerTask(c.text, [wrongSpan(c)], 'reject')); // only a rejected suggestion
    else {
      tasks.push(nerTask(c.text, c.spans, 'accept'));
      if (i % 25 === 5) tasks.push(nerTask(c.text, [wrongSpan(c)], 'reject'));
    }
    ner.push(...tasks);
    const cats = textcatTasks(c, i);
    textcat.push(...cats);
    if (i < 40) mixed.push(...(i % 2 ? [...cats, ...tasks] : [...tasks, ...cats]));
  });
  const paragraphs = makeDocuments(24);

  const files = {
    ner: join(root, 'sample', 'ner.jsonl'),
    textcat: join(root, 'sample', 'textcat.jsonl'),
    mixed: join(root, 'sample', 'mixed.jsonl'),
    documents: join(root, 'documents', 'reports.jsonl'),
  };
  console.log('texts', texts.length, 'ner tasks', await writeJsonl(files.ner, ner));
  console.log('textcat tasks', await writeJsonl(files.textcat, textcat));
  console.log('mixed tasks', await writeJsonl(files.mixed, mixed));
  console.log('paragraphs', await writeJsonl(files.documents, paragraphs));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
