import type { QueryLexicon } from './query-lexicon.ts';

const ARTICLES = ['the', 'a', 'an', 'my', 'our', 'your', 'that', 'this', 'those', 'these', 'some', 'any'];

/** English words for normalising spoken queries. */
export const englishQueryLexicon: QueryLexicon = {
  leading: [
    'hi', 'hello', 'hey', 'okay', 'ok', 'so', 'well', 'yeah', 'yes', 'right', 'alright', 'all right', 'now', 'and', 'also', 'oh', 'ah',
    'could you', 'can you', 'would you', 'will you', 'could i', 'can i', 'may i', 'would it be possible to', 'is it possible to',
    'just', 'quickly', 'actually', 'maybe', 'perhaps', 'try to',
    "i'd like", "i'd like to", 'i would like', 'i would like to', 'i want', 'i want to', 'i need', 'i need to', 'we need', 'we need to',
    "i'm looking for", 'i am looking for', 'im looking for', 'i was looking for', 'looking for', "i'm after", "i'm trying to find",
    'i was wondering if', 'i wonder if', 'let me see', "let's see", 'let me have', 'let me', 'let us',
    'show me', 'give me', 'get me', 'send me', 'find me', 'pull me up', 'read me', 'tell me about',
    'find', 'search for', 'search', 'look for', 'look up', 'pull up', 'bring up', 'dig up', 'get', 'fetch', 'grab', 'locate',
    'play', 'see', 'hear', 'listen to', 'have a look at', 'take a look at', 'look at',
    'do you have', 'do we have', 'have you got', 'have we got', 'is there', 'are there', 'where is', "where's", 'where are',
    // What arrived when: a date alone, which then filters.
    'what came in', 'what arrived', 'what was uploaded', 'what got uploaded', 'what was sent in', 'what has come in',
    'what about', 'how about', 'what', 'which', 'me', 'us', 'for', 'the one', 'that one', 'this one',
    ...ARTICLES,
  ],
  trailing: [
    'please', 'thanks', 'thank you', 'thanks a lot', 'for me', 'if you can', 'if you could', 'if possible', 'real quick', 'quickly',
    'right now', 'now', 'again', 'ok', 'okay', 'as well', 'too',
  ],
  fillers: ['um', 'uh', 'umm', 'uhm', 'uhh', 'erm', 'er', 'hmm', 'hm', 'mm', 'mhm', 'please', 'you know', 'i mean'],
  stopwords: [
    ...ARTICLES, 'of', 'for', 'from', 'to', 'with', 'about', 'his', 'her', 'their', 'me', 'us', 'i', 'you', 'we', 'it', 'its',
    'called', 'named', 'titled', 'and', 'or', 'on', 'in', 'at', 'by', 'is', 'was', 'are', 'were', 'file', 'files',
    // Still a word only when it was not a number: "the newest one".
    'one', 'ones', 'mr', 'mrs', 'ms', 'mister', 'miss',
  ],
  numberMarkers: ['number', 'no', 'num'],
  kinds: {
    pdf: 'document', pdfs: 'document', 'pdf file': 'document', document: 'document', documents: 'document', doc: 'document',
    docs: 'document', docx: 'document', 'word document': 'document', 'word documents': 'document', 'word doc': 'document',
    'word file': 'document',
    spreadsheet: 'spreadsheet', spreadsheets: 'spreadsheet', excel: 'spreadsheet', 'excel file': 'spreadsheet',
    'excel sheet': 'spreadsheet', 'excel spreadsheet': 'spreadsheet', xlsx: 'spreadsheet', csv: 'spreadsheet',
    'csv file': 'spreadsheet', workbook: 'spreadsheet',
    'text file': 'text', 'text files': 'text', txt: 'text', 'plain text': 'text',
    recording: 'audio', recordings: 'audio', audio: 'audio', 'audio file': 'audio', 'voice memo': 'audio', 'voice message': 'audio',
    voicemail: 'audio', 'voice mail': 'audio', 'voice note': 'audio', mp3: 'audio',
    image: 'image', images: 'image', 'image file': 'image', picture: 'image', pictures: 'image', photo: 'image', photos: 'image',
    screenshot: 'image', screenshots: 'image', jpeg: 'image', jpg: 'image', png: 'image',
  },
  quarterLetters: ['q', 'cue', 'queue', 'kew', 'que', 'kyu'],
  quarterNouns: ['quarter'],
  halfLetters: ['h', 'aitch', 'haitch'],
  halfNouns: ['half'],
  ordinals: { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 },
};
