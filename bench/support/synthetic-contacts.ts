/** Deterministic, realistic-looking contacts for benchmarks (the same seed gives the same people). */
const FIRST = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Charles',
  'Karen',
  'Zoë',
  'José',
  'Amélie',
  'Søren',
  'Aisha',
  'Wei',
  'Yuki',
  'Priya',
  'Olusegun',
  'Fatima',
  'Lukas',
  'Chiara',
  'Mateo',
  'Ingrid',
  'Kwame',
  'Hana',
  'Arjun',
  'Noor',
  'Emil',
  'Lucía',
];
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sánchez',
  'Müller',
  'Nakamura',
  'Okafor',
  'Kowalski',
  'Andersson',
  'Rossi',
  'Dubois',
  'Novak',
  'Haddad',
  'Singh',
  'Chen',
  'Kim',
  'Ivanova',
  'Mensah',
];
const SYLLABLES = [
  'ac',
  'me',
  'glo',
  'bex',
  'ini',
  'tech',
  'van',
  'dele',
  'sto',
  'nex',
  'qua',
  'ntum',
  'lu',
  'men',
  'ar',
  'cad',
  'ia',
  'hel',
  'ix',
  'pay',
  'fin',
  'ly',
  'zen',
  'ora',
  'tri',
  'dent',
  'cor',
  'vo',
  'kin',
  'eti',
];
const SUFFIXES = ['', ' Inc.', ' Ltd', ' GmbH', ' Labs', ' Bank', ' Capital', ' AI'];
const TITLES = [
  'Head of Sales',
  'VP Sales',
  'CTO',
  'CEO',
  'Founder',
  'Head of Growth',
  'Account Executive',
  'Chief Revenue Officer',
  'Head of Partnerships',
  'Engineering Manager',
  'Product Lead',
  'CFO',
  'Sales Director',
  'Business Development Manager',
  'COO',
];
const CITIES = [
  'London',
  'Berlin',
  'Paris',
  'New York',
  'San Francisco',
  'Lagos',
  'Bangalore',
  'Tokyo',
  'São Paulo',
  'Toronto',
  'Stockholm',
  'Madrid',
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticContact {
  fullName: string;
  title: string;
  company: string;
  email: string;
  linkedinUrl: string;
  location: string;
  tags: string[];
}

export function syntheticContacts(count: number, seed = 42, offset = 0): SyntheticContact[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const companies = Array.from({ length: 2000 }, () => {
    const name = pick(SYLLABLES) + pick(SYLLABLES) + (random() < 0.5 ? pick(SYLLABLES) : '');
    return name[0]!.toUpperCase() + name.slice(1) + pick(SUFFIXES);
  });
  return Array.from({ length: count }, (_, i) => {
    const n = i + offset;
    const first = pick(FIRST);
    const last = pick(LAST);
    const company = pick(companies);
    const domain =
      company
        .toLowerCase()
        .replace(/[^a-z]/g, '')
        .slice(0, 20) + '.com';
    const handle = `${first}.${last}`.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    return {
      fullName: `${first} ${last}`,
      title: pick(TITLES),
      company,
      email: `${handle}.${n}@${domain}`,
      linkedinUrl: `https://www.linkedin.com/in/${handle.replace('.', '-')}-${n.toString(36)}`,
      location: pick(CITIES),
      tags: random() < 0.3 ? [pick(['fintech', 'saas', 'series-a', 'london', 'warm', 'cold'])] : [],
    };
  });
}
