/** The English tenant's target files: the ones the queries must find first. */
import type { FileSpec } from './corpus-types.ts';

export const EN_TARGETS: FileSpec[] = [
  { name: 'Invoice 4471.pdf', day: 40, docTitle: 'Invoice 4471', body: ['Invoice number 4471', 'Customer: Acme Industries', 'Total due: 12,400 dollars within thirty days.', 'Thank you for your business.'] },
  { name: 'Invoice 5281.pdf', day: 41, body: ['Invoice 5281 for consulting services in April.', 'Amount due 3,250 dollars.'] },
  {
    name: 'Lease agreement Baker Street.pdf', day: 12, docTitle: 'Office lease',
    body: [
      'This lease covers the office at 21 Baker Street.', 'The landlord is Harbor Estates Limited.', '\f',
      'The rent is due on the first day of each month.', 'The deposit equals three monthly rents.', '\f',
      'Either party may end the lease with three months notice.', 'Pets are not allowed in the building.',
    ],
  },
  { name: 'Supplier overview.docx', day: 30, body: ['Our suppliers and their schedules', 'Nordwind Logistics delivers on fridays.', 'Bergmann Paper delivers every second tuesday.'] },
  { name: 'Q2 Financial Report.pdf', day: 190, docTitle: 'Q2 Financial Report', body: ['Revenue grew eight percent in the second quarter.', 'Operating costs stayed flat.'] },
  { name: 'Q2 Sales Pipeline.xlsx', day: 185, sheets: [{ name: 'Pipeline', rows: [['Lead', 'Stage', 'Value', 'Owner'], ['Globex', 'proposal', 40000, 'Maria'], ['Initech', 'negotiation', 25000, 'Tom']] }] },
  { name: 'NDA Smith and Partners.pdf', title: 'Non-disclosure agreement with Smith and Partners', day: 60, body: ['Mutual non-disclosure agreement between us and Smith and Partners LLP.', 'Confidential information stays confidential for five years.'] },
  { name: 'Travel policy.pdf', day: 5, body: ['Employees book economy class for flights under six hours.', 'Hotel costs are reimbursed up to 180 dollars per night.'] },
  { name: 'Onboarding guide.docx', day: 20, body: ['Welcome to the team', 'On your first day you receive a laptop and a badge.', 'Your buddy helps you settle in.'] },
  { name: 'Price list 2025.xlsx', day: 3, sheets: [{ name: 'Prices', rows: [['Product', 'Unit', 'Price'], ['Widget basic', 'piece', 12], ['Widget pro', 'piece', 29]] }] },
  { name: 'scan_0042.pdf', title: 'Insurance claim for the flood damage', day: 70, body: ['Claim for water damage in the basement after the flood in March.'] },
  { name: 'Annual budget 2026.xlsx', day: 300, sheets: [{ name: 'Budget', rows: [['Department', 'Planned', 'Actual'], ['Marketing', 120000, 0], ['Engineering', 480000, 0]] }] },
  { name: 'Board minutes March.docx', day: 75, body: ['Board meeting, March', 'The board approved the merger with Initech.', 'Next meeting in June.'] },
  { name: 'Call with Miller 2025-05-14.wav', day: 133, speech: 'the shipment is delayed until the end of the month' },
  { name: 'Customer feedback.csv', day: 140, sheets: [{ name: 'feedback', rows: [['customer', 'rating', 'comment'], ['Hooli', 5, 'great support'], ['Vandelay', 2, 'slow delivery']] }] },
  { name: 'Release notes.txt', day: 150, body: ['Release notes', 'Version 3.2 adds dark mode and fixes the login timeout.'] },
  { name: 'Warranty terms.pdf', day: 90, body: ['The warranty lasts twenty four months from the date of purchase.', 'Batteries are covered for six months.'] },
  { name: 'Contract Schmidt Consulting.pdf', day: 95, body: ['Service contract between us and Schmidt Consulting.', 'Hourly rate 150 dollars.'] },
  { name: 'H1 Forecast.xlsx', day: 100, sheets: [{ name: 'Forecast', rows: [['Month', 'Revenue'], ['January', 410000], ['June', 455000]] }] },
  { name: 'Employee handbook.pdf', day: 8, body: ['Working hours are flexible between seven and ten.', 'Vacation: thirty days per year.', 'Remote work is allowed two days a week.'] },
  { name: 'Voicemail from Meyer.ogg', day: 160, speech: 'hello this is karen meyer calling about the invoice please call me back' },
  { name: 'Safety inspection report.pdf', day: 170, body: ['The fire extinguishers on floor three expired in July.', 'Emergency exits were clear.'] },
  { name: 'Marketing plan H2.docx', day: 175, body: ['Marketing plan for the second half', 'Campaigns: trade fair in Berlin, podcast ads.'] },
  { name: 'Purchase order 7730.pdf', day: 180, body: ['Purchase order 7730', '500 cartons from Bergmann Paper.'] },
  { name: 'Team meeting recording.flac', day: 200, speech: 'we agreed to hire two new engineers for the support team' },
  { name: 'Server migration checklist.txt', day: 210, body: ['Server migration checklist', 'Back up the database before the migration.', 'Switch the DNS records on saturday night.', 'Tell the support team when it is done.'] },
  { name: 'Credit note 2218.pdf', day: 215, body: ['Credit note 2218', 'Credit for the returned monitors: 860 dollars.'] },
  { name: 'Expense report Garcia.xlsx', day: 220, sheets: [{ name: 'Expenses', rows: [['Date', 'Item', 'Amount'], ['2025-08-04', 'Taxi to the airport', 64], ['2025-08-05', 'Hotel in Denver', 350]] }] },
  { name: 'Parking permits.csv', day: 225, sheets: [{ name: 'permits', rows: [['spot', 'employee', 'plate'], [12, 'Dana Whitfield', 'KX 481'], [14, 'Omar Haddad', 'LP 902']] }] },
  { name: 'Meeting notes pricing workshop 2025-06-18.docx', day: 168, body: ['Pricing workshop', 'We decided to raise the price of widget pro to 32 dollars in September.'] },
  { name: 'Wifi setup guide.txt', day: 230, body: ['Wifi setup', 'The guest network is called Harbor Guest.', 'Its password changes every monday.'] },
  { name: 'ISO 9001 certificate.pdf', day: 235, body: ['Certificate', 'Quality management system certified to ISO 9001.', 'Valid until March 2027.'] },
  { name: 'Van rental agreement Thompson.pdf', day: 240, body: ['Van rental agreement with Thompson Rentals.', 'The van must be returned with a full tank.'] },
  { name: 'Tax filing Q3.pdf', day: 280, body: ['Tax filing for the third quarter.', 'Sales tax payable: 18,900 dollars.'] },
];

/** Words that occur only in this tenant's internal files (the other tenant and customers must never see a hit for them). */
export const EN_PRIVATE_WORDS = ['baker street', 'harbor guest', 'dana whitfield', 'thompson rentals', 'denver'];
