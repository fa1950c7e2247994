/* test_timex.c: the date recognizer as tables of anchor | text | expression | type | value,
 * negative texts that must give no date, the sample articles, and hostile input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "timex.h"

typedef struct row {
  const char *anchor; /* "YYYY-MM-DD", or "" for none */
  const char *text;
  const char *expr;   /* the span, as it appears (first occurrence) in text */
  const char *type;
  const char *value;
} row;

/* Anchor 2017-03-24 is a Friday (ISO week 2017-W12, Monday 20 to Sunday 26 March). */
#define A "2017-03-24"

static const row rows[] = {
    /* calendar dates, full and partial */
    {A, "The first round is on April 23, 2017, and the second later.", "April 23, 2017", "DATE", "2017-04-23"},
    {A, "Voting ends on 23 April 2017 in the evening.", "23 April 2017", "DATE", "2017-04-23"},
    {A, "## 24/03/2017", "24/03/2017", "DATE", "2017-03-24"},
    {A, "Posted 2017-03-24 by staff", "2017-03-24", "DATE", "2017-03-24"},
    {A, "Posted 2017/03/24 by staff", "2017/03/24", "DATE", "2017-03-24"},
    {A, "Dated 24.03.2017, the letter says", "24.03.2017", "DATE", "2017-03-24"},
    {A, "Dated 03/24/2017, the letter says", "03/24/2017", "DATE", "2017-03-24"},
    {A, "Dated 05/04/2017, the letter says", "05/04/2017", "DATE", "2017-04-05"},
    {A, "Dated 1/2/2016 in the file", "1/2/2016", "DATE", "2016-02-01"},
    {A, "On March 23, the minister said the claims were false.", "March 23", "DATE", "2017-03-23"},
    {A, "The inquiry began in March 2016 and ended later.", "March 2016", "DATE", "2016-03"},
    {A, "The inquiry began in March of 2015.", "March of 2015", "DATE", "2015-03"},
    {A, "The attacks of Sept. 11, 2001 changed everything.", "Sept. 11, 2001", "DATE", "2001-09-11"},
    {A, "The deal was signed on Jan. 5 in the capital.", "Jan. 5", "DATE", "2017-01-05"},
    {A, "He said on Dec 25 that he had resigned.", "Dec 25", "DATE", "2016-12-25"},
    {A, "The vote will be held on November 8.", "November 8", "DATE", "2017-11-08"},
    {A, "The rally took place on 23rd April.", "23rd April", "DATE", "2017-04-23"},
    {A, "It was the 23rd of April when they left.", "23rd of April", "DATE", "2017-04-23"},
    {A, "The court met on March 5th.", "March 5th", "DATE", "2017-03-05"},
    {A, "Published Friday, March 24, 2017 at noon", "Friday, March 24, 2017", "DATE", "2017-03-24"},
    {A, "They will meet again Monday, March 27.", "Monday, March 27", "DATE", "2017-03-27"},
    {A, "The ceasefire began on 1 January.", "1 January", "DATE", "2017-01-01"},
    {A, "MARCH 24 2017 - The board met.", "MARCH 24 2017", "DATE", "2017-03-24"},
    {A, "The law took effect on July 1, 2016.", "July 1, 2016", "DATE", "2016-07-01"},
    {A, "The firm collapsed in August 1998, analysts said.", "August 1998", "DATE", "1998-08"},
    {A, "The firm collapsed on 12 Aug. 1998.", "12 Aug. 1998", "DATE", "1998-08-12"},
    /* a year alone, in a year-like context */
    {A, "The bank lent the money in 2014 to the party.", "2014", "DATE", "2014"},
    {A, "Her fourth visit since 2011 was short.", "2011", "DATE", "2011"},
    {A, "She backs his 2014 annexation of the region.", "2014", "DATE", "2014"},
    {A, "By 2020, the plan says, emissions will fall.", "2020", "DATE", "2020"},
    {A, "Prices rose from 2010 to 2014 steadily.", "2010", "DATE", "2010"},
    {A, "Prices rose from 2010 to 2014 steadily.", "2014", "DATE", "2014"},
    {A, "Between 1990 and 1995 the town grew.", "1995", "DATE", "1995"},
    {A, "The treaty of 1648 ended the war.", "1648", "DATE", "1648"},
    {A, "Headline\n2014\nBody text", "2014", "DATE", "2014"},
    {A, "The party was founded in 1972's spring.", "1972", "DATE", "1972"},
    /* decades */
    {A, "Crime fell in the 1990s across the country.", "the 1990s", "DATE", "199"},
    {A, "Music of the '80s is back.", "the '80s", "DATE", "198"},
    {A, "The 1960s saw upheaval.", "The 1960s", "DATE", "196"},
    {A, "Rock grew in 1960s Britain.", "1960s", "DATE", "196"},
    /* weekdays, by tense */
    {A, "The minister met the envoy on Friday.", "Friday", "DATE", "2017-03-24"},
    {A, "The talks were held on Thursday.", "Thursday", "DATE", "2017-03-23"},
    {A, "She arrived on Monday.", "Monday", "DATE", "2017-03-20"},
    {A, "Rebels attacked the town on Sunday.", "Sunday", "DATE", "2017-03-19"},
    {A, "The team lost on Saturday.", "Saturday", "DATE", "2017-03-18"},
    {A, "The summit will open on Monday.", "Monday", "DATE", "2017-03-27"},
    {A, "He will fly there on Friday.", "Friday", "DATE", "2017-03-31"},
    {A, "The vote is due to take place on Tuesday.", "Tuesday", "DATE", "2017-03-28"},
    {A, "They are going to meet on Wednesday.", "Wednesday", "DATE", "2017-03-29"},
    {A, "The leaders are expected to sign the deal on Thursday.", "Thursday", "DATE", "2017-03-30"},
    {A, "Ministers shall convene on Sunday.", "Sunday", "DATE", "2017-03-26"},
    {A, "The visit is to end on Saturday.", "Saturday", "DATE", "2017-03-25"},
    {A, "We'll know more on Tuesday.", "Tuesday", "DATE", "2017-03-28"},
    {A, "The upcoming summit on Wednesday draws crowds.", "Wednesday", "DATE", "2017-03-29"},
    {A, "Friday's meeting lasted an hour.", "Friday", "DATE", "2017-03-24"},
    {A, "The minister on Thursday said the claims were false.", "Thursday", "DATE", "2017-03-23"},
    {A, "He said on Tuesday that the vote will be free.", "Tuesday", "DATE", "2017-03-21"},
    {A, "The vote, he said, will be held on Tuesday.", "Tuesday", "DATE", "2017-03-28"},
    {A, "Last Friday the minister resigned.", "Last Friday", "DATE", "2017-03-17"},
    {A, "The board meets next Friday.", "next Friday", "DATE", "2017-03-31"},
    {A, "The board meets this Friday.", "this Friday", "DATE", "2017-03-24"},
    {A, "The board met last Monday.", "last Monday", "DATE", "2017-03-20"},
    {A, "The board meets next Tuesday.", "next Tuesday", "DATE", "2017-03-28"},
    {A, "The board meets this Sunday.", "this Sunday", "DATE", "2017-03-26"},
    /* a plan told in the past: the day nearest the anchor, on either side */
    {A, "The team planned to leave the capital on Saturday.", "Saturday", "DATE", "2017-03-25"},
    {A, "Protesters planned a rally on Sunday.", "Sunday", "DATE", "2017-03-26"},
    {A, "They planned a rally and were planning to march on Monday.", "Monday", "DATE", "2017-03-27"},
    {A, "The envoy had planned to come on Thursday.", "Thursday", "DATE", "2017-03-23"},
    {A, "Protesters gathered on Friday morning.", "Friday morning", "TIME", "2017-03-24TMO"},
    {A, "It happened Thursday night, police said.", "Thursday night", "TIME", "2017-03-23TNI"},
    {A, "The plane landed Wednesday afternoon.", "Wednesday afternoon", "TIME", "2017-03-22TAF"},
    /* deictic words */
    {A, "Today, a grave event happened.", "Today", "DATE", "2017-03-24"},
    {A, "The court ruled yesterday.", "yesterday", "DATE", "2017-03-23"},
    {A, "Yesterday, the court ruled.", "Yesterday", "DATE", "2017-03-23"},
    {A, "The court rules tomorrow.", "tomorrow", "DATE", "2017-03-25"},
    {A, "Troops were attacked this morning.", "this morning", "TIME", "2017-03-24TMO"},
    {A, "The vote is this afternoon.", "this afternoon", "TIME", "2017-03-24TAF"},
    {A, "The vote is this evening.", "this evening", "TIME", "2017-03-24TEV"},
    {A, "The vote is tonight.", "tonight", "TIME", "2017-03-24TNI"},
    {A, "Shots were heard last night.", "last night", "TIME", "2017-03-23TNI"},
    {A, "Shots were heard yesterday morning.", "yesterday morning", "TIME", "2017-03-23TMO"},
    {A, "Talks resume tomorrow evening.", "tomorrow evening", "TIME", "2017-03-25TEV"},
    {A, "today's ruling", "today", "DATE", "2017-03-24"},
    {A, "It ran in today's editions of the paper.", "today", "DATE", "2017-03-24"},
    {A, "Many of today's protesters were students.", "today", "DATE", "2017-03-24"},
    /* last / this / next week, month, year */
    {A, "Prices fell last week.", "last week", "DATE", "2017-W11"},
    {A, "Prices fell this week.", "this week", "DATE", "2017-W12"},
    {A, "Prices fall next week.", "next week", "DATE", "2017-W13"},
    {A, "Prices fell last month.", "last month", "DATE", "2017-02"},
    {A, "Prices fell this month.", "this month", "DATE", "2017-03"},
    {A, "Prices fall next month.", "next month", "DATE", "2017-04"},
    {A, "Prices fell last year.", "last year", "DATE", "2016"},
    {A, "Last year, prices fell.", "Last year", "DATE", "2016"},
    {A, "Prices fell this year.", "this year", "DATE", "2017"},
    {A, "Prices fall next year.", "next year", "DATE", "2018"},
    {A, "The result is due this quarter.", "this quarter", "DATE", "2017-Q1"},
    {A, "Sales fell last quarter.", "last quarter", "DATE", "2016-Q4"},
    {A, "He rested this weekend.", "this weekend", "DATE", "2017-W12-WE"},
    {A, "He rested last weekend.", "last weekend", "DATE", "2017-W11-WE"},
    {A, "He was spotted there earlier this year.", "earlier this year", "DATE", "2017"},
    {A, "The report is due later this month.", "later this month", "DATE", "2017-03"},
    {A, "Growth slows early next year.", "early next year", "DATE", "2018"},
    /* N units ago */
    {A, "The storm hit three days ago.", "three days ago", "DATE", "2017-03-21"},
    {A, "The storm hit 3 days ago.", "3 days ago", "DATE", "2017-03-21"},
    {A, "The storm hit ten days ago.", "ten days ago", "DATE", "2017-03-14"},
    {A, "The storm hit two weeks ago.", "two weeks ago", "DATE", "2017-W10"},
    {A, "The storm hit a week ago.", "a week ago", "DATE", "2017-W11"},
    {A, "The storm hit two months ago.", "two months ago", "DATE", "2017-01"},
    {A, "The storm hit a year ago.", "a year ago", "DATE", "2016"},
    /* a verb or a possessive after a month is a person's name only for the names */
    {A, "The jobless rate in January was 7.2 percent.", "January", "DATE", "2017-01"},
    {A, "After a revision to December's figures, jobs grew.", "December", "DATE", "2016-12"},
    {A, "He lost his unsuccessful 1996 campaign.", "1996", "DATE", "1996"},
    {A, "The troops stay for two more weeks.", "two more weeks", "DURATION", "P2W"},
    {A, "It needs an additional year of work.", "an additional year", "DURATION", "P1Y"},
    {A, "Prices may fall in the short term, he said.", "the short term", "DATE", "FUTURE_REF"},
    {A, "He is a 20th century democrat.", "20th century", "DATE", "19"},
    {A, "The post-1959 politics split families.", "1959", "DATE", "1959"},
    {A, "Talks were held on March 20 and 21.", "21", "DATE", "2017-03-21"},
    {A, "Over the years, the town shrank.", "the years", "DURATION", "PXY"},
    {A, "Eight trading days later, the index fell.", "Eight trading days", "DURATION", "P8D"},
    {A, "Refunds take five business days.", "five business days", "DURATION", "P5D"},
    {A, "The plane leaves at 4 in the morning.", "4 in the morning", "TIME", "2017-03-24T04:00"},
    {A, "He called at 3 in the afternoon.", "3 in the afternoon", "TIME", "2017-03-24T15:00"},
    {A, "They came at 10 at night.", "10 at night", "TIME", "2017-03-24T22:00"},
    {A, "By mid afternoon, the fighting was over.", "mid afternoon", "TIME", "2017-03-24TAF"},
    {A, "Shares rose at mid-afternoon yesterday.", "mid-afternoon yesterday", "TIME",
     "2017-03-23TAF"},
    /* a weekday with "the previous", "the following" counts from the day just mentioned */
    {"1989-10-30", "Shares fell Friday. The index was down from the previous Friday.",
     "the previous Friday", "DATE", "1989-10-20"},
    {"1989-10-30", "The rally was on March 3. The following Monday, he was freed.",
     "The following Monday", "DATE", "1989-03-06"},
    {"1989-10-30", "The following Monday, he was freed.", "The following Monday", "DATE",
     "1989-11-06"},
    {A, "It will cut taxes in future quarters.", "future quarters", "DATE", "FUTURE_REF"},
    {A, "They spoke of the future that awaits him.", "the future", "DATE", "FUTURE_REF"},
    {A, "The storm hit five years ago.", "five years ago", "DATE", "2012"},
    {A, "The storm hit twenty-five years ago.", "twenty-five years ago", "DATE", "1992"},
    {A, "An event happened a few days ago in Britain.", "a few days ago", "DATE", "PAST_REF"},
    {A, "They met several years ago.", "several years ago", "DATE", "PAST_REF"},
    /* months alone, by tense */
    {A, "The election will take place in May.", "May", "DATE", "2017-05"},
    {A, "The party was founded in December.", "December", "DATE", "2016-12"},
    {A, "The company was sold in January.", "January", "DATE", "2017-01"},
    {A, "Since February, prices have risen.", "February", "DATE", "2017-02"},
    {A, "Officials are planning for the summit in January.", "January", "DATE", "2018-01"},
    {"2017-10-26", "The split would be paid on a still unspecified date in January.", "January", "DATE", "2018-01"},
    {A, "Airlines will add flights by August in markets untouched by the crisis.", "August", "DATE", "2017-08"},
    {A, "Airlines added flights in August, in markets hit by the crisis.", "August", "DATE", "2016-08"},
    {A, "The talks were suspended last March.", "last March", "DATE", "2016-03"},
    {A, "The talks were suspended last November.", "last November", "DATE", "2016-11"},
    {A, "Two helicopters crashed last February.", "last February", "DATE", "2016-02"},
    {A, "Two helicopters crashed this past February.", "this past February", "DATE", "2017-02"},
    {A, "The talks were suspended last January.", "last January", "DATE", "2017-01"},
    {A, "The talks resume next January.", "next January", "DATE", "2018-01"},
    /* seasons */
    {A, "The law passes this spring.", "this spring", "DATE", "2017-SP"},
    {A, "The law passed last summer.", "last summer", "DATE", "2016-SU"},
    {A, "The law passed last fall.", "last fall", "DATE", "2016-FA"},
    {A, "The law passes next winter.", "next winter", "DATE", "2017-WI"},
    /* durations */
    {A, "The strike lasted two days.", "two days", "DURATION", "P2D"},
    {A, "The strike lasted three weeks.", "three weeks", "DURATION", "P3W"},
    {A, "He served five years in prison.", "five years", "DURATION", "P5Y"},
    {A, "He served a decade in office.", "a decade", "DURATION", "P10Y"},
    {A, "He served two decades in office.", "two decades", "DURATION", "P20Y"},
    {A, "The probe took six months.", "six months", "DURATION", "P6M"},
    {A, "Police held him for 48 hours.", "48 hours", "DURATION", "PT48H"},
    {A, "The raid took 30 minutes.", "30 minutes", "DURATION", "PT30M"},
    {A, "He began a three-day visit.", "three-day", "DURATION", "P3D"},
    {A, "He began a 10-year plan.", "10-year", "DURATION", "P10Y"},
    {A, "The vote is one month before the elections.", "one month", "DURATION", "P1M"},
    {A, "Unemployment rose in the past two years.", "the past two years", "DURATION", "P2Y"},
    {A, "Unemployment rose over the last five years.", "the last five years", "DURATION", "P5Y"},
    {A, "Unemployment will fall in the next three months.", "the next three months", "DURATION", "P3M"},
    {A, "Unemployment rose in the past week.", "the past week", "DURATION", "P1W"},
    {A, "Unemployment will fall in the coming weeks.", "the coming weeks", "DURATION", "PXW"},
    {A, "A new world emerged in these past years.", "past years", "DURATION", "PXY"},
    {A, "Talks will go on for the next few days.", "the next few days", "DURATION", "PXD"},
    {A, "He slept for a couple of hours.", "a couple of hours", "DURATION", "PT2H"},
    {A, "It ended a couple of years ago.", "a couple of years ago", "DATE", "2015"},
    {A, "It may take a few years.", "a few years", "DURATION", "PXY"},
    /* references */
    {A, "France is now developing the campaign.", "now", "DATE", "PRESENT_REF"},
    {A, "Work stopped because of current market conditions.", "current", "DATE", "PRESENT_REF"},
    {A, "He will travel with his current wife.", "current", "DATE", "PRESENT_REF"},
    {A, "He recently moved.", "recently", "DATE", "PAST_REF"},
    {A, "He currently lives abroad.", "currently", "DATE", "PRESENT_REF"},
    {A, "We will win in the future.", "the future", "DATE", "FUTURE_REF"},
    {A, "Mistakes were made in the past.", "the past", "DATE", "PAST_REF"},
    {A, "A deal is likely in the near future.", "the near future", "DATE", "FUTURE_REF"},
    /* times of day */
    {A, "The blast came at 9:30 a.m. local time.", "9:30 a.m.", "TIME", "2017-03-24T09:30"},
    {A, "The blast came at 9 a.m. local time.", "9 a.m.", "TIME", "2017-03-24T09:00"},
    {A, "The blast came at 3pm.", "3pm", "TIME", "2017-03-24T15:00"},
    {A, "The blast came at 12 pm.", "12 pm", "TIME", "2017-03-24T12:00"},
    {A, "The blast came at 21:45 local time.", "21:45", "TIME", "2017-03-24T21:45"},
    {A, "The blast came at 10:00 GMT.", "10:00 GMT", "TIME", "2017-03-24T10:00+00"},
    {A, "The blast came at 8:15 p.m. EST.", "8:15 p.m. EST", "TIME", "2017-03-24T20:15-05"},
    {A, "The blast came at noon.", "noon", "TIME", "2017-03-24T12:00"},
    {A, "The blast came at midnight.", "midnight", "TIME", "2017-03-24T24:00"},
    {A, "Logged 2017-03-24T09:30 by the server", "2017-03-24T09:30", "TIME", "2017-03-24T09:30"},
    /* dates that depend on a date just mentioned */
    {A, "The meeting was on March 3. The next day, talks resumed.", "The next day", "DATE", "2017-03-04"},
    {A, "The meeting was on March 3. Two days later it ended.", "Two days later", "DATE", "2017-03-05"},
    {A, "The meeting was on March 3. The following day they left.", "The following day", "DATE", "2017-03-04"},
    {A, "The meeting was on March 3. The previous day they argued.", "The previous day", "DATE", "2017-03-02"},
    {A, "It fell on 10 May 2015; three days earlier it rose.", "three days earlier", "DATE", "2015-05-07"},
    /* no anchor: unknown digits */
    {"", "The court ruled yesterday.", "yesterday", "DATE", "XXXX-XX-XX"},
    {"", "On March 23, the minister spoke.", "March 23", "DATE", "XXXX-03-23"},
    {"", "Prices fell last year.", "last year", "DATE", "XXXX"},
    {"", "Prices fell last week.", "last week", "DATE", "XXXX-WXX"},
    {"", "The minister spoke on Friday.", "Friday", "DATE", "XXXX-WXX-5"},
    {"", "Troops were attacked this morning.", "this morning", "TIME", "XXXX-XX-XXTMO"},
    {"", "The first round is on April 23, 2017.", "April 23, 2017", "DATE", "2017-04-23"},
    {"", "The storm hit three days ago.", "three days ago", "DATE", "XXXX-XX-XX"},
    {"", "The election takes place in May.", "May", "DATE", "XXXX-05"},
    {"", "An event happened a few days ago.", "a few days ago", "DATE", "PAST_REF"},
    {"", "It rose in 2014.", "2014", "DATE", "2014"},
    {"", "The strike lasted two days.", "two days", "DURATION", "P2D"},
    /* leap days */
    {"2016-03-01", "The court ruled yesterday.", "yesterday", "DATE", "2016-02-29"},
    {"2016-03-10", "The court ruled on February 29.", "February 29", "DATE", "2016-02-29"},
    {"2016-02-28", "The court rules tomorrow.", "tomorrow", "DATE", "2016-02-29"},
    {"2017-02-28", "The court rules tomorrow.", "tomorrow", "DATE", "2017-03-01"},
    {"2020-02-29", "The storm hit a year ago.", "a year ago", "DATE", "2019"},
    {"2020-02-29", "The storm hit on Friday.", "Friday", "DATE", "2020-02-28"},
    {"2000-03-01", "The court ruled yesterday.", "yesterday", "DATE", "2000-02-29"},
    /* year ends and ISO week 53 */
    {"2017-01-02", "Prices fell last week.", "last week", "DATE", "2016-W52"},
    {"2017-01-02", "Prices fell last month.", "last month", "DATE", "2016-12"},
    {"2017-01-02", "The court ruled yesterday.", "yesterday", "DATE", "2017-01-01"},
    {"2017-01-02", "The minister resigned on Friday.", "Friday", "DATE", "2016-12-30"},
    {"2017-01-02", "The firm was sold in December.", "December", "DATE", "2016-12"},
    {"2017-01-02", "The deal was signed on Dec. 28.", "Dec. 28", "DATE", "2016-12-28"},
    {"2017-01-02", "The deal was signed last year.", "last year", "DATE", "2016"},
    {"2016-12-31", "The court rules tomorrow.", "tomorrow", "DATE", "2017-01-01"},
    {"2016-12-31", "Prices fall next week.", "next week", "DATE", "2017-W01"},
    {"2016-12-31", "Prices fell this week.", "this week", "DATE", "2016-W52"},
    {"2016-12-31", "Prices rise next month.", "next month", "DATE", "2017-01"},
    {"2016-12-31", "The vote will be held on January 5.", "January 5", "DATE", "2017-01-05"},
    {"2021-01-03", "Prices fell this week.", "this week", "DATE", "2020-W53"},
    {"2021-01-03", "Prices fell last week.", "last week", "DATE", "2020-W52"},
    {"2015-12-31", "Prices fell this week.", "this week", "DATE", "2015-W53"},
    {"2016-01-01", "Prices fell this week.", "this week", "DATE", "2015-W53"},
    {"2008-12-29", "Prices fell this week.", "this week", "DATE", "2009-W01"},
    /* a Sunday anchor */
    {"2017-03-26", "The minister spoke on Sunday.", "Sunday", "DATE", "2017-03-26"},
    {"2017-03-26", "The minister spoke on Monday.", "Monday", "DATE", "2017-03-20"},
    {"2017-03-26", "The minister spoke on Saturday.", "Saturday", "DATE", "2017-03-25"},
    {"2017-03-26", "The minister speaks next week.", "next week", "DATE", "2017-W13"},
    {"2017-03-26", "The minister spoke this week.", "this week", "DATE", "2017-W12"},
    {"2017-03-26", "The minister will speak on Monday.", "Monday", "DATE", "2017-03-27"},
    {"2017-03-26", "The minister will speak on Sunday.", "Sunday", "DATE", "2017-04-02"},
    /* ---- whole expressions (second issue) ---- */
    /* quarters and halves */
    {A, "Profit rose in the first quarter.", "the first quarter", "DATE", "2017-Q1"},
    {A, "Profit rose in the fourth quarter.", "the fourth quarter", "DATE", "2016-Q4"},
    {A, "Profit will rise in the fourth quarter.", "the fourth quarter", "DATE", "2017-Q4"},
    {A, "Third-quarter profit rose.", "Third-quarter", "DATE", "2016-Q3"},
    {A, "The firm reported the third-quarter results.", "third-quarter", "DATE", "2016-Q3"},
    {A, "Sales fell in the third quarter of 2015.", "the third quarter of 2015", "DATE", "2015-Q3"},
    {A, "Sales fell in the 2015 fourth quarter.", "the 2015 fourth quarter", "DATE", "2015-Q4"},
    {A, "Sales rose in this year's first half.", "this year's first half", "DATE", "2017-H1"},
    {A, "Sales fell in last year's second half.", "last year's second half", "DATE", "2016-H2"},
    {A, "Sales fell in the first half of 2016.", "the first half of 2016", "DATE", "2016-H1"},
    {A, "Sales fell in the fiscal first quarter.", "the fiscal first quarter", "DATE", "2017-Q1"},
    {"2017-08-10", "Sales fell in the second quarter.", "the second quarter", "DATE", "2017-Q2"},
    {"2017-11-02", "Sales beat the year-earlier third quarter.", "the year-earlier third quarter", "DATE", "2016-Q3"},
    {"", "Profit rose in the first quarter.", "the first quarter", "DATE", "XXXX-Q1"},
    /* seasons */
    {A, "The law passes this summer.", "this summer", "DATE", "2017-SU"},
    {A, "The law passed last spring.", "last spring", "DATE", "2016-SP"},
    {A, "The law passes next spring.", "next spring", "DATE", "2018-SP"},
    {A, "The law passed last winter.", "last winter", "DATE", "2016-WI"},
    {A, "The law passes in the spring.", "the spring", "DATE", "2017-SP"},
    {A, "The law passed in the fall of 2014.", "the fall of 2014", "DATE", "2014-FA"},
    {A, "Summer 2016 was hot.", "Summer 2016", "DATE", "2016-SU"},
    {A, "The law passes in early spring.", "early spring", "DATE", "2017-SP"},
    {"2017-10-05", "The law passed last summer.", "last summer", "DATE", "2017-SU"},
    {"2017-10-05", "The law passes next summer.", "next summer", "DATE", "2018-SU"},
    {"", "The law passes this summer.", "this summer", "DATE", "XXXX-SU"},
    /* decades and centuries */
    {A, "Crime fell in the early 1980s.", "the early 1980s", "DATE", "198"},
    {A, "Crime fell in the mid-1990s.", "the mid-1990s", "DATE", "199"},
    {A, "Crime fell in the late 1970s.", "the late 1970s", "DATE", "197"},
    {A, "Wars marked the 20th century.", "the 20th century", "DATE", "19"},
    {A, "Wars mark the 21st century.", "the 21st century", "DATE", "20"},
    {A, "Cities grew in the 1800s.", "the 1800s", "DATE", "18"},
    {A, "Phones spread in the 2000s.", "the 2000s", "DATE", "200"},
    {A, "Wars mark this century.", "this century", "DATE", "20"},
    {A, "Prices doubled in the last decade.", "the last decade", "DURATION", "P10Y"},
    {A, "Prices doubled last decade.", "last decade", "DATE", "200"},
    {A, "Prices doubled this decade.", "this decade", "DATE", "201"},
    {A, "Prices doubled over the past decade.", "the past decade", "DURATION", "P10Y"},
    /* early / late / mid, the end of */
    {A, "The vote is due in early June.", "early June", "DATE", "2017-06"},
    {A, "Prices peaked in mid-2016.", "mid-2016", "DATE", "2016"},
    {A, "Prices peaked in late 2014.", "late 2014", "DATE", "2014"},
    {A, "Prices peaked in mid-February.", "mid-February", "DATE", "2017-02"},
    {A, "Prices peaked in late January.", "late January", "DATE", "2017-01"},
    {A, "The fire started late Friday.", "late Friday", "DATE", "2017-03-24"},
    {A, "The fire started early Thursday.", "early Thursday", "DATE", "2017-03-23"},
    {A, "The fire started late last night.", "late last night", "TIME", "2017-03-23TNI"},
    {A, "The fire started early this morning.", "early this morning", "TIME", "2017-03-24TMO"},
    {A, "The firm said earlier today that it quit.", "earlier today", "DATE", "2017-03-24"},
    {A, "The firm said earlier this week that it quit.", "earlier this week", "DATE", "2017-W12"},
    {A, "The firm quits at the end of 2014.", "the end of 2014", "DATE", "2014"},
    {A, "The firm quits at the beginning of next year.", "the beginning of next year", "DATE", "2018"},
    {A, "The firm quits at the end of this week.", "the end of this week", "DATE", "2017-W12"},
    {A, "The firm will quit by the middle of October.", "the middle of October", "DATE", "2017-10"},
    {A, "The firm quit in January this year.", "January this year", "DATE", "2017-01"},
    {A, "The firm quit in March last year.", "March last year", "DATE", "2016-03"},
    {A, "The firm quit in the week of March 6.", "the week of March 6", "DATE", "2017-W10"},
    {A, "Profit rose in fiscal 2016.", "fiscal 2016", "DATE", "2016"},
    /* the weekend */
    {A, "The rebels attacked over the weekend.", "the weekend", "DATE", "2017-W11-WE"},
    {A, "The rebels will attack over the weekend.", "the weekend", "DATE", "2017-W12-WE"},
    {"2017-03-26", "The rebels attacked over the weekend.", "the weekend", "DATE", "2017-W12-WE"},
    {"2017-03-27", "The rebels attacked over the weekend.", "the weekend", "DATE", "2017-W12-WE"},
    /* parts of the day */
    {A, "He left Monday evening.", "Monday evening", "TIME", "2017-03-20TEV"},
    {A, "He leaves tomorrow morning.", "tomorrow morning", "TIME", "2017-03-25TMO"},
    {A, "He left Sunday night.", "Sunday night", "TIME", "2017-03-19TNI"},
    {A, "He leaves next Monday morning.", "next Monday morning", "TIME", "2017-03-27TMO"},
    {A, "He left yesterday afternoon.", "yesterday afternoon", "TIME", "2017-03-23TAF"},
    /* times with zones */
    {A, "Markets opened at 14:30 CET.", "14:30 CET", "TIME", "2017-03-24T14:30+01"},
    {A, "Markets opened at 9 a.m. EDT.", "9 a.m. EDT", "TIME", "2017-03-24T09:00-04"},
    {A, "Markets opened at 6 p.m. UTC.", "6 p.m. UTC", "TIME", "2017-03-24T18:00+00"},
    {A, "Markets opened at 11:05 am.", "11:05 am", "TIME", "2017-03-24T11:05"},
    {A, "Markets opened at 12 a.m.", "12 a.m.", "TIME", "2017-03-24T00:00"},
    {"", "Markets opened at 9:30 a.m.", "9:30 a.m.", "TIME", "XXXX-XX-XXT09:30"},
    /* more durations */
    {A, "He waited for years.", "years", "DURATION", "PXY"},
    {A, "In the years that followed, the rebels waged war.", "the years", "DURATION", "PXY"},
    {A, "In the months since the war, prices rose.", "the months", "DURATION", "PXM"},
    {A, "Sales grew for the first time in years.", "years", "DURATION", "PXY"},
    {A, "Rates hit their highest level in decades.", "decades", "DURATION", "PXDE"},
    {A, "He waited for decades.", "decades", "DURATION", "PXDE"},
    {A, "He waited for months.", "months", "DURATION", "PXM"},
    {A, "He waited a fortnight.", "a fortnight", "DURATION", "P2W"},
    {A, "He waited an hour.", "an hour", "DURATION", "PT1H"},
    {A, "He waited 90 days.", "90 days", "DURATION", "P90D"},
    {A, "Profit rose in the first nine months.", "the first nine months", "DURATION", "P9M"},
    {A, "Prices rose over the past 20 years.", "the past 20 years", "DURATION", "P20Y"},
    {A, "Prices rose over the last week.", "the last week", "DURATION", "P1W"},
    {A, "Prices rose over the past year.", "the past year", "DURATION", "P1Y"},
    {A, "He made a two-week trip.", "two-week", "DURATION", "P2W"},
    {A, "He signed an 18-month deal.", "18-month", "DURATION", "P18M"},
    {A, "He began a 24-hour strike.", "24-hour", "DURATION", "PT24H"},
    {A, "He served two years and six months.", "six months", "DURATION", "P6M"},
    {A, "Prices will rise over the next two decades.", "the next two decades", "DURATION", "P20Y"},
    {A, "The firm grew over several years.", "several years", "DURATION", "PXY"},
    /* sets */
    {A, "The board meets each week.", "each week", "SET", "P1W"},
    {A, "The board meets every day.", "every day", "SET", "P1D"},
    {A, "The board meets every year.", "every year", "SET", "P1Y"},
    {A, "The board meets each month.", "each month", "SET", "P1M"},
    {A, "The board meets every two years.", "every two years", "SET", "P2Y"},
    {A, "The board meets every Monday.", "every Monday", "SET", "XXXX-WXX-1"},
    {A, "The board meets every Sunday morning.", "every Sunday morning", "SET", "XXXX-WXX-7TMO"},
    {"1989-10-26", "Most sales usually come in the second and fourth quarters.", "second", "SET", "XXXX-Q2"},
    {"1989-10-26", "Most sales usually come in the second and fourth quarters.", "fourth quarters", "SET",
     "XXXX-Q4"},
    {"1989-10-26", "Earnings in the second and third quarters fell.", "second", "DATE", "1989-Q2"},
    {"1989-10-26", "Earnings in the second and third quarters fell.", "third quarters", "DATE", "1989-Q3"},
    {A, "Flights leave on Monday and Tuesday nights.", "Monday", "SET", "XXXX-WXX-1TNI"},
    {A, "Flights leave on Monday and Tuesday nights.", "Tuesday nights", "SET", "XXXX-WXX-2TNI"},
    {A, "The talks were held on Monday and Tuesday.", "Monday", "DATE", "2017-03-20"},
    {A, "The board meets every morning.", "every morning", "SET", "XXXX-XX-XXTMO"},
    {A, "The board meets every weekend.", "every weekend", "SET", "XXXX-WXX-WE"},
    {A, "The board meets every summer.", "every summer", "SET", "XXXX-SU"},
    {A, "The board meets every March.", "every March", "SET", "XXXX-03"},
    {A, "The paper appears daily.", "daily", "SET", "P1D"},
    {A, "The paper appears weekly.", "weekly", "SET", "P1W"},
    {A, "The paper appears monthly.", "monthly", "SET", "P1M"},
    {A, "The prize is awarded annually.", "annually", "SET", "P1Y"},
    {A, "The board meets twice a year.", "a year", "SET", "P1Y"},
    {A, "Workers earn $5 a day.", "a day", "SET", "P1D"},
    /* references */
    {A, "Talks must start right now.", "right now", "DATE", "PRESENT_REF"},
    {A, "Prices have risen in recent years.", "recent years", "DURATION", "PXY"},
    {A, "Lenders have worried in recent months.", "recent months", "DURATION", "PXM"},
    {A, "Prices are high nowadays.", "nowadays", "DATE", "PRESENT_REF"},
    {A, "Prices have risen lately.", "lately", "DATE", "PAST_REF"},
    /* anchored on a date just mentioned */
    {A, "On June 5, 2016, they met. A month earlier they argued.", "A month earlier", "DATE", "2016-05"},
    {A, "In 2010 he left. A year later he came back.", "A year later", "DATE", "2011"},
    {A, "On March 1 they met. Three weeks later they split.", "Three weeks later", "DATE", "2017-W12"},
    {A, "On 3 May 2015 they met. The same day they split.", "The same day", "DATE", "2015-05-03"},
    {A, "On 3 May 2015 they met. The following week they split.", "The following week", "DATE", "2015-W19"},
    {A, "In 2010 he left. Two days later he came back.", "Two days later", "DATE", "2017-03-26"},
    {A, "The vote is one month before the elections.", "one month", "DURATION", "P1M"},
    /* leap days, ISO week 53, year ends */
    {A, "It was dated 2020-02-29.", "2020-02-29", "DATE", "2020-02-29"},
    {A, "It was dated February 29, 2016.", "February 29, 2016", "DATE", "2016-02-29"},
    {"2016-03-07", "It happened a week ago.", "a week ago", "DATE", "2016-W09"},
    {"2016-02-29", "The court rules tomorrow.", "tomorrow", "DATE", "2016-03-01"},
    {"2016-02-29", "The court ruled in February.", "February", "DATE", "2016-02"},
    {"2016-02-29", "The firm collapsed a year ago.", "a year ago", "DATE", "2015"},
    {"2020-12-31", "Prices fell this week.", "this week", "DATE", "2020-W53"},
    {"2020-12-31", "Prices rise next week.", "next week", "DATE", "2021-W01"},
    {"2021-01-08", "Prices fell two weeks ago.", "two weeks ago", "DATE", "2020-W52"},
    {"2026-12-31", "Prices fell this week.", "this week", "DATE", "2026-W53"},
    {"2027-01-01", "Prices fell last week.", "last week", "DATE", "2026-W52"},
    {"2027-01-04", "Prices fell last week.", "last week", "DATE", "2026-W53"},
    {"2016-12-31", "Prices will rise in January.", "January", "DATE", "2017-01"},
    {"2016-12-31", "Prices rise next year.", "next year", "DATE", "2017"},
    {"2016-12-31", "Prices rose this quarter.", "this quarter", "DATE", "2016-Q4"},
    {"2017-01-01", "Prices rose last quarter.", "last quarter", "DATE", "2016-Q4"},
    {"2017-01-01", "Prices rose last weekend.", "last weekend", "DATE", "2016-W51-WE"},
    {"2017-01-01", "The minister spoke on Saturday.", "Saturday", "DATE", "2016-12-31"},
    {"2017-01-01", "The minister spoke on Sunday.", "Sunday", "DATE", "2017-01-01"},
    {"2017-01-01", "The minister will speak on Monday.", "Monday", "DATE", "2017-01-02"},
    /* times with their day, anchored "that", more contexts */
    {A, "The deadline is noon Thursday.", "noon Thursday", "TIME", "2017-03-23T12:00"},
    {A, "He said \"next week\" twice.", "next week", "DATE", "2017-W13"},
    {A, "\"This week was hard,\" he said.", "This week", "DATE", "2017-W12"},
    {A, "The blast came at 9 a.m. Friday.", "9 a.m. Friday", "TIME", "2017-03-24T09:00"},
    {A, "He left on Friday at 9 a.m. sharp.", "Friday at 9 a.m.", "TIME", "2017-03-24T09:00"},
    {A, "The blast came at 3 p.m. yesterday.", "3 p.m. yesterday", "TIME", "2017-03-23T15:00"},
    {A, "In 2010 he left. Later that year he came back.", "Later that year", "DATE", "2010"},
    {A, "On 3 May 2015 they met. That same day they split.", "That same day", "DATE", "2015-05-03"},
    {A, "On 3 May 2015 they met. The next morning they split.", "The next morning", "TIME", "2015-05-04TMO"},
    {A, "Profits will rise by the end of the year.", "the end of the year", "DATE", "2017"},
    {A, "Crime fell in the nineties.", "the nineties", "DATE", "199"},
    {A, "He was born in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"},
    {A, "The plan dates from the year two thousand and one.", "the year two thousand and one", "DATE", "2001"},
    {A, "The firm was failing just months ago.", "months ago", "DATE", "PAST_REF"},
    {A, "Profit fell in the last half of 2015.", "the last half of 2015", "DATE", "2015-H2"},
    {A, "A 1996 law tightened the rules.", "1996", "DATE", "1996"},
    {A, "Shots were fired in 1994, 1995 and 1997.", "1995", "DATE", "1995"},
    {A, "Shots were fired in 1994, 1995 and 1997.", "1997", "DATE", "1997"},
    {A, "Police solved the October killing.", "October", "DATE", "2016-10"},
    {A, "It hurt the company's 2016 results.", "2016", "DATE", "2016"},
    {"2000-01-06", "The paper says in an editorial on Thursday, Jan. 6: the rule stands.", "Thursday, Jan. 6", "DATE", "2000-01-06"},
    {A, "The shop closes on Mondays.", "Mondays", "SET", "XXXX-WXX-1"},
    {A, "Flights leave on Tuesday nights.", "Tuesday nights", "SET", "XXXX-WXX-2TNI"},
    {A, "The war ended a decade ago.", "a decade ago", "DATE", "2007"},
    {A, "The war ended two centuries ago.", "two centuries ago", "DATE", "1817"},
    {"2000-04-05", "The father will leave at 4 in the morning (4 a.m. EDT Thursday), he said.", "4 a.m. EDT Thursday", "TIME", "2000-04-06T04:00-04"},
    {"2000-01-07", "Protesters were planning to drive around the airport on Monday.", "Monday", "DATE", "2000-01-10"},
    {"2000-04-05", "The father would be traveling to the capital Thursday with his wife.", "Thursday", "DATE", "2000-04-06"},
    /* holidays */
    {A, "They met on Christmas Eve.", "Christmas Eve", "DATE", "2016-12-24"},
    {A, "He died on Good Friday.", "Good Friday", "DATE", "2017-04-14"},
    {A, "The talks resume after Easter.", "Easter", "DATE", "2017-04-16"},
    {A, "They argued last Christmas.", "last Christmas", "DATE", "2016-12-25"},
    {A, "They meet next Thanksgiving.", "next Thanksgiving", "DATE", "2017-11-23"},
    {A, "It took effect on New Year's Day.", "New Year's Day", "DATE", "2017-01-01"},
    {A, "It ended on New Year\xE2\x80\x99s Eve 2015.", "New Year\xE2\x80\x99s Eve 2015", "DATE", "2015-12-31"},
    {A, "Unions marched on May Day.", "May Day", "DATE", "2017-05-01"},
    {A, "The sale opens on Thanksgiving.", "Thanksgiving", "DATE", "2016-11-24"},
    {"2019-01-10", "Shops closed at Easter 2016.", "Easter 2016", "DATE", "2016-03-27"},
    {"2019-05-02", "Police arrested him on Easter Monday.", "Easter Monday", "DATE", "2019-04-22"},
    {"2010-06-01", "The law passed on Ash Wednesday.", "Ash Wednesday", "DATE", "2010-02-17"},
    {"", "They met on Christmas Eve.", "Christmas Eve", "DATE", "XXXX-12-24"},
    {"2020-05-06", "\"We will win,\" the chancellor told the president on Monday.", "Monday", "DATE", "2020-05-04"},
    {"2020-05-06", "\xE2\x80\x9CWe will win,\xE2\x80\x9D she said on Monday.", "Monday", "DATE", "2020-05-04"},
    /* quantifiers of a duration */
    {A, "The trial lasted more than two years.", "more than two years", "DURATION", "P2Y"},
    {A, "Detention can last up to 180 days.", "up to 180 days", "DURATION", "P180D"},
    {A, "Detention can last no more than sixty days.", "no more than sixty days", "DURATION", "P60D"},
    {A, "The trial lasted at least 20 years.", "at least 20 years", "DURATION", "P20Y"},
    {A, "The trial lasted about three days.", "three days", "DURATION", "P3D"},
    {A, "The trial lasted nearly two years.", "nearly two years", "DURATION", "P2Y"},
    {A, "The war ended almost four years ago.", "almost four years ago", "DATE", "2013"},
    {A, "The talks lasted one and a half days.", "one and a half days", "DURATION", "P1DT12H"},
    {A, "Prices rose over the past two years.", "the past two years", "DURATION", "P2Y"},
    /* halves */
    {A, "The talks lasted 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M"},
    {A, "He served two and a half years.", "two and a half years", "DURATION", "P2Y6M"},
    {A, "The vote took half an hour.", "half an hour", "DURATION", "PT30M"},
    {A, "The vote took an hour and a half.", "an hour and a half", "DURATION", "PT1H30M"},
    {A, "The firm failed a year and a half ago.", "a year and a half ago", "DATE", "2015-09"},
    {A, "Peace held for half a century.", "half a century", "DURATION", "P50Y"},
    {A, "He hosts a half-hour show.", "a half-hour", "DURATION", "PT30M"},
    /* this past / this coming, -long, the day before */
    {A, "The law passed this past spring.", "this past spring", "DATE", "2016-SP"},
    {A, "The rally is this coming Sunday.", "this coming Sunday", "DATE", "2017-03-26"},
    {A, "They began a two-week-long strike.", "two-week-long", "DURATION", "P2W"},
    {A, "They held a day-long meeting.", "day-long", "DURATION", "P1D"},
    {A, "The decades-long conflict ended.", "decades-long", "DURATION", "PXDE"},
    {A, "It happened the day before yesterday.", "the day before yesterday", "DATE", "2017-03-22"},
    {A, "It happens the day after tomorrow.", "the day after tomorrow", "DATE", "2017-03-26"},
    {"2000-02-24", "The day before last Tuesday's hearing, he went home.", "The day before last Tuesday", "DATE", "2000-02-21"},
    {"2000-02-24", "He left the day after March 3, and came back.", "the day after March 3", "DATE", "2000-03-04"},
    {"1989-10-30", "Eight days after Oct. 12, the day before the plunge, the index fell.", "the day", "DATE", "1989-10-12"},
    {"1989-10-30", "It extended the offer until 5 p.m. EST, Nov. 6.", "5 p.m. EST, Nov. 6", "TIME", "1989-11-06T17:00-05"},
    {A, "On 3 May 2015 they met. The day before, they argued.", "The day before", "DATE", "2015-05-02"},
    /* ranges, two-digit years, ISO seconds */
    {A, "Prices rose from 2014-2016 steadily.", "2014", "DATE", "2014"},
    {A, "Prices rose from 2014-2016 steadily.", "2016", "DATE", "2016"},
    {A, "He starred in the 2014-15 season.", "2014", "DATE", "2014"},
    {A, "The fair runs on March 3-5, 2016.", "March 3-5, 2016", "DATE", "2016-03-03"},
    {A, "The fair ran on 3-4 May 2015.", "3-4 May 2015", "DATE", "2015-05-03"},
    {A, "Posted 24/03/17 by staff", "24/03/17", "DATE", "2017-03-24"},
    {A, "Posted 12/05/98 by staff", "12/05/98", "DATE", "1998-05-12"},
    {A, "Logged 2017-03-24T09:30:05Z by the server", "2017-03-24T09:30:05Z", "TIME", "2017-03-24T09:30:05Z"},
    /* a date with its time, weekday abbreviations */
    {A, "Updated: 24 March 2017 09:15 GMT", "24 March 2017 09:15 GMT", "TIME", "2017-03-24T09:15+00"},
    {A, "Date: Fri, 24 Mar 2017 10:30:00 +0000", "Fri, 24 Mar 2017 10:30:00", "TIME", "2017-03-24T10:30"},
    {A, "Posted on 03/24/2017 at 9:30 AM ET", "03/24/2017 at 9:30 AM ET", "TIME", "2017-03-24T09:30"},
    {A, "The vote is on March 24, 2017, at 3 p.m. sharp.", "March 24, 2017, at 3 p.m.", "TIME", "2017-03-24T15:00"},
    {A, "On March 3, 12 people died.", "March 3", "DATE", "2017-03-03"},
    {A, "The Sun, 24 March 2017, front page", "24 March 2017", "DATE", "2017-03-24"},
    {A, "The deal must be done by May, officials said.", "May", "DATE", "2017-05"},
    {A, "Prices have risen since May.", "May", "DATE", "2016-05"},
    {A, "Prices rose between January and March.", "January", "DATE", "2017-01"},
    {A, "Whether this helps in the future is yet to be seen.", "the future", "DATE", "FUTURE_REF"},
    {A, "They said in the past that it worked.", "the past", "DATE", "PAST_REF"},
    {A, "Sellers will face pressure in the weeks ahead.", "the weeks ahead", "DURATION", "PXW"},
    {A, "Markets will be calm in the days to come.", "the days to come", "DURATION", "PXD"},
    {A, "Markets are calmer these days.", "these days", "DATE", "PRESENT_REF"},
    /* a Sunday anchor, more */
    {"2017-03-26", "Prices fell last week.", "last week", "DATE", "2017-W11"},
    {"2017-03-26", "The court ruled yesterday.", "yesterday", "DATE", "2017-03-25"},
    {"2017-03-26", "The board meets next Sunday.", "next Sunday", "DATE", "2017-04-02"},
    {"2017-03-26", "The board met last Sunday.", "last Sunday", "DATE", "2017-03-19"},
    {"2017-03-26", "The board meets this Monday.", "this Monday", "DATE", "2017-03-20"},
    {"2017-03-26", "Protesters gathered this morning.", "this morning", "TIME", "2017-03-26TMO"},
    /* results stories: the quarter just named is the period of "the quarter", "a year ago"... */
    {"1989-10-26", "Third-quarter net rose to $5 million from $4 million a year ago.", "a year ago", "DATE", "1988-Q3"},
    {"1989-10-26", "Net rose in the third quarter. Sales fell 8% from a year earlier.", "a year earlier", "DATE", "1988-Q3"},
    {"1989-10-26", "Net rose in the third quarter. Loans were $6 million in the quarter.", "the quarter", "DATE", "1989-Q3"},
    {"1989-10-26", "Net fell in the second quarter. In the year-ago quarter, it earned $1 million.", "the year-ago quarter", "DATE", "1988-Q2"},
    {"1989-10-26", "Net fell in the third quarter. In the comparable year-earlier period, it lost money.", "the comparable year-earlier period", "DATE", "1988-Q3"},
    /* the end of the year: the year, as TIMEX3 writes it with mod END */
    {"1989-11-02", "The deal should be completed by year-end.", "year-end", "DATE", "1989"},
    {"1989-11-02", "Staff will be cut by year end, it said.", "year end", "DATE", "1989"},
    {"1989-11-02", "The rules should be in place by year's end.", "year's end", "DATE", "1989"},
    {"1989-11-02", "The index has risen 8% since year-end.", "year-end", "DATE", "1988"},
    /* an earlier quarter named as background keeps the story's period; a fiscal one starts a new story */
    {"1989-11-01", "Net rose in the third quarter. After a flat second quarter, charges in the year-earlier period hurt.", "the year-earlier period", "DATE", "1988-Q3"},
    {"1989-11-01", "Net rose in the third quarter. After a flat second quarter, the 1989 period was better.", "the 1989 period", "DATE", "1989-Q3"},
    {"1989-10-26", "Net rose in the third quarter. National posted a profit for the fiscal second quarter. The latest period had gains.", "The latest period", "DATE", "1989-Q2"},
    {"1989-10-26", "Net fell in the third quarter, compared with year-earlier profit of $3 million.", "year-earlier", "DATE", "1988-Q3"},
    {"1989-10-26", "Net fell in the third quarter, against a year-ago loss.", "year-ago", "DATE", "1988-Q3"},
    {"1989-10-26", "Net fell in the third quarter. The 1988 period included a gain.", "The 1988 period", "DATE", "1988-Q3"},
    {"1989-10-26", "Net fell in the second quarter. Sales in that quarter rose.", "that quarter", "DATE", "1989-Q2"},
    {"1989-10-26", "The company earned $5 million in the latest quarter.", "the latest quarter", "DATE", "1989-Q3"},
    {"1989-10-26", "Sales in the latest period rose 5%.", "the latest period", "DATE", "1989-Q3"},
    {"1989-10-26", "The company expects a loss in the quarter.", "the quarter", "DATE", "1989-Q3"},
    {"1989-10-26", "The company will post a loss in the quarter.", "the quarter", "DATE", "1989-Q4"},
    {"1989-10-26", "Net rose 5% from a year ago, the company said.", "a year ago", "DATE", "1988"},
    {"1989-10-26", "Net in the third quarter rose. For the nine months, net fell from a year earlier.", "a year earlier", "DATE", "1988"},
    {"1989-10-27", "Net rose in the third quarter. For the nine months, net was $81 million. In the "
                   "year-earlier period, net was $77 million.", "the year-earlier period", "DURATION", "P9M"},
    {"1989-10-26", "Net for the year-earlier nine months included a gain.", "the year-earlier nine months", "DURATION", "P9M"},
    {"1989-10-26", "Revenue was $76 million for the year ended March 31.", "the year", "DURATION", "P1Y"},
    {"1989-10-26", "For the year, volume was flat.", "the year", "DATE", "1989"},
    {"1989-10-26", "Sales should rise 5% for the full year.", "the full year", "DATE", "1989"},
    {"1989-11-02", "The drop will result in lower earnings for the fiscal year.", "the fiscal year", "DATE", "1989"},
    {"1989-10-30", "The stock rose to a high for the year of $42.875 in June.", "the year", "DATE", "1989"},
    {"1989-10-30", "Net fell 43% through the first nine months of the year.", "the year", "DATE", "1989"},
    {"1989-10-26", "It had $6 billion in sales in the latest fiscal year.", "the latest fiscal year", "DATE", "1988"},
    /* quarters as durations, as TimeBank writes them */
    {"1989-10-26", "Sales fell over the past two quarters.", "the past two quarters", "DURATION", "P2Q"},
    {"1989-10-26", "Sales have fallen for several quarters.", "several quarters", "DURATION", "PXQ"},
    {"1989-10-30", "It made a profit after several quarters of losses.", "several quarters", "DURATION", "PXQ"},
    {"1991-02-25", "5,500 were taken in the first hours of the ground war.", "the first hours", "DURATION", "PTXH"},
    {"1998-03-31", "You don't save as many lives in the early years.", "the early years", "DURATION", "PXY"},
    {"1990-08-16", "We're there to stay for a fairly lengthy period.", "a fairly lengthy period", "DURATION", "PXX"},
    {"1990-08-16", "Prices fell over a long period of time.", "a long period of time", "DURATION", "PXX"},
    {"1999-10-08", "He was held in the early hours of Thursday morning.", "Thursday morning", "TIME", "1999-10-07TMO"},
    {"1989-10-26", "It pays a dividend every quarter.", "every quarter", "SET", "P1Q"},
    /* "succeed" is no past tense; "payable" looks ahead */
    {"1989-10-26", "Mr. Schwarz will succeed Mr. Davison Feb. 1, soon after his retirement.", "Feb. 1", "DATE", "1990-02-01"},
    {"1989-11-02", "The dividend is payable Jan. 2 to stock of record Dec. 15.", "Jan. 2", "DATE", "1990-01-02"},
    {"1989-10-26", "The bank also created an office of the chairman, effective Feb. 1.", "Feb. 1", "DATE", "1990-02-01"},
    {"1989-10-30", "The average daily turnover for October is 148 million shares.", "October", "DATE", "1989-10"},
    {"1998-03-06", "It's the second day of an offensive by the police.", "the second day", "DATE", "1998-03-06"},
    {"1989-10-30", "Tokyo stocks fell Friday. Dealers placed buy orders in the morning.", "the morning", "TIME", "1989-10-27TMO"},
    {"1989-10-27", "The gain means twice as high a dividend this year as last.", "last", "DATE", "1988"},
    {"2000-04-03", "The agency has given the relatives until 9 a.m. Tuesday to sign.", "9 a.m. Tuesday", "TIME", "2000-04-04T09:00"},
    {"2000-04-03", "The agency has given them until Thursday to sign.", "Thursday", "DATE", "2000-04-06"},
    {"1999-05-07", "Up until Thursday, however, they had not called him.", "Thursday", "DATE", "1999-05-06"},
    {"1989-10-30", "The lenders extended the loans through January.", "January", "DATE", "1990-01"},
    {"1989-10-30", "The offer was extended until Jan. 15.", "Jan. 15", "DATE", "1990-01-15"},
    {A, "The vote was postponed until Tuesday.", "Tuesday", "DATE", "2017-03-28"},
    {"1989-10-30", "Sales fell through January, the company said.", "January", "DATE", "1989-01"},
    {"1989-10-26", "The trend should last through the first two quarters of 1990.", "the first two quarters of 1990", "DATE", "1990-H1"},
    {"1989-10-27", "Sales were weaker this month than last, it said.", "last", "DATE", "1989-09"},
    {"1990-08-15", "In Saudi Arabia, today is the eighth day of the operation.", "the eighth day", "DATE", "1990-08-15"},
    {"1989-10-26", "It cut costs under the pact effective June 1.", "June 1", "DATE", "1989-06-01"},
    {"1989-10-26", "Net rose in the third quarter. It sees a weak fourth quarter. In the year-ago quarter, it lost money.", "the year-ago quarter", "DATE", "1988-Q3"},
    {"1989-10-26", "Net rose in the third quarter, up from the corresponding period last year.", "the corresponding period last year", "DATE", "1988-Q3"},
    {"1989-10-26", "Net rose in the third quarter from the same quarter a year ago.", "the same quarter a year ago", "DATE", "1988-Q3"},
    {"1989-10-26", "Net rose in the third quarter. The same day, shares fell.", "The same day", "DATE", "1989-10-26"},
    {"1989-10-26", "Third-quarter sales fell from last year's quarter.", "last year's quarter", "DATE", "1988-Q3"},
    {"1989-10-26", "Net rose in the third quarter from the quarter a year ago.", "the quarter a year ago", "DATE", "1988-Q3"},
    {"1989-10-26", "The latest quarter's results include a gain.", "The latest quarter", "DATE", "1989-Q3"},
    {"1989-11-02", "Ralston reported a decline in fourth-quarter earnings. Sales in the latest period rose.", "the latest period", "DATE", "1989-Q4"},
    {"1989-11-02", "It reported a decline in fourth-quarter earnings, from $9 million a year earlier.", "a year earlier", "DATE", "1988-Q4"},
    {"1989-11-02", "It said it expects fourth-quarter earnings to fall. Sales in the latest period rose.", "the latest period", "DATE", "1989-Q3"},
    {"1989-11-01", "It lost $8 million in the third quarter. This quarter's loss includes charges.", "This quarter", "DATE", "1989-Q3"},
    {"1989-11-01", "It lost $8 million in the third quarter. It sees a profit this quarter.", "this quarter", "DATE", "1989-Q4"},
    {"1989-10-26", "It expects fiscal 1989 sales to rise.", "fiscal 1989", "DATE", "1989"},
    {"1989-10-26", "Sales were delayed earlier in the year by rain.", "earlier in the year", "DATE", "1989"},
    {"1989-10-26", "On Monday he left; later in the day he came back.", "later in the day", "DATE", "1989-10-23"},
    /* a future seen from the past: the nearest day */
    {"1989-10-30", "The offer had been due to expire Friday evening.", "Friday evening", "TIME", "1989-10-27TEV"},
    {"1989-10-30", "The offer was scheduled to expire on Thursday.", "Thursday", "DATE", "1989-11-02"},
    {"2000-01-07", "He said he would meet them on Wednesday.", "Wednesday", "DATE", "2000-01-05"},
    {"1998-03-31", "Talks Resume Today", "Today", "DATE", "1998-03-31"},
    {"1998-03-31", "NATO today warned Serbia.", "today", "DATE", "1998-03-31"},
    {A, "Qantas plans daily flights, up from four flights a week.", "a week", "SET", "P1W"},
    {A, "He hopes he may one day run the firm.", "one day", "DATE", "FUTURE_REF"},
    {A, "The talks lasted one day.", "one day", "DURATION", "P1D"},
    {"2000-04-24", "Shops closed during Easter week.", "Easter week", "DATE", "2000-W16"},
    {A, "Prices rose in the last twenty four hours.", "the last twenty four hours", "DURATION", "PT24H"},
    {A, "Delivery takes two to three weeks.", "two to three weeks", "DURATION", "P2W"},
    {A, "Sales will rise over the next 12 to 18 months.", "the next 12 to 18 months", "DURATION", "P12M"},
    {A, "The debt is due over a three-year period.", "a three-year period", "DURATION", "P3Y"},
    {A, "She won a one-year term.", "a one-year term", "DURATION", "P1Y"},
    {A, "Sales will grow in the next two years or so.", "the next two years or so", "DURATION", "P2Y"},
    {A, "He left a week or so ago.", "a week or so ago", "DATE", "2017-W11"},
    /* a bare clock time is on the day just named, if near the anchor */
    {"1998-08-08", "The bomb exploded on Friday. It went off at 10:35 a.m. near the embassy.", "10:35 a.m.", "TIME", "1998-08-07T10:35"},
    {"1998-08-08", "He was born on May 5, 1950. The funeral is at 3 p.m.", "3 p.m.", "TIME", "1998-08-08T15:00"},
    /* an unmarked month looks back up to eight months, ahead up to four */
    {"1989-10-26", "Problems with new computers in April cut sales.", "April", "DATE", "1989-04"},
    {"1989-10-26", "Problems with new computers in February cut sales.", "February", "DATE", "1990-02"},
    {"1989-10-26", "It lost money in the fiscal-first quarter ended Sept. 30.", "the fiscal-first quarter", "DATE", "1989-Q1"},
    {"1989-10-27", "In the second quarter ended Oct. 31, it had a loss.", "Oct. 31", "DATE", "1988-10-31"},
    {"1989-10-27", "In the second quarter ended Oct. 31, it had a loss.", "the second quarter", "DATE", "1988-Q2"},
    {"1989-10-27", "In the second quarter ended Oct. 31, 1987, it had a loss.", "the second quarter", "DATE", "1987-Q2"},
    {"1989-10-27", "In the quarter ending Dec. 31, it expects a loss.", "Dec. 31", "DATE", "1989-12-31"},
    {"1989-10-26", "The fiscal second-quarter loss widened.", "fiscal second-quarter", "DATE", "1989-Q2"},
    /* an adjectival duration leaves "the" to its noun */
    {"1989-10-26", "They ended the 30-day grace period.", "30-day", "DURATION", "P30D"},
    {"1989-10-26", "They held the two day rally.", "two day", "DURATION", "P2D"},
    {"1989-10-26", "In the four days, prices fell.", "the four days", "DURATION", "P4D"},
    {"1989-10-26", "Wait a second.", "a second", "DURATION", "PT1S"},
    {"1989-10-26", "Talks Resume Next Week", "Next Week", "DATE", "1989-W44"},
    /* years in words, as broadcast transcripts write them */
    {"1998-02-27", "The law passed in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"},
    {"1998-02-27", "It began in January nineteen ninety-seven.", "January nineteen ninety-seven", "DATE", "1997-01"},
    {"1998-02-23", "It was the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "DATE", "1994-WI"},
    {"1998-02-05", "He promised jobs by the year two thousand.", "the year two thousand", "DATE", "2000"},
    {"1998-02-05", "The year 2000 has become a deadline.", "The year 2000", "DATE", "2000"},
    /* "next" is a tense cue only before a time word */
    {"1998-08-08", "A bomb ripped through a building next to the embassy Friday morning.", "Friday morning", "TIME", "1998-08-07TMO"},
    {"1989-10-26", "It expects sales in the current fiscal year to rise.", "the current fiscal year", "DATE", "1989"},
    /* vague references to the present and the future */
    {"1990-08-15", "He would not be traveling at this crucial moment.", "this crucial moment", "DATE", "PRESENT_REF"},
    {"1990-08-15", "At this moment the talks go on.", "this moment", "DATE", "PRESENT_REF"},
    {"1990-08-15", "This moment changed his life, and until this moment he was alone.", "this moment", "DATE", "PRESENT_REF"},
    {"1989-10-30", "We don't minimize the challenges of the near term.", "the near term", "DATE", "FUTURE_REF"},
    {"1989-10-30", "It will seek more financing at a later date.", "a later date", "DATE", "FUTURE_REF"},
    {"1989-10-30", "It had filed the papers at an earlier date.", "an earlier date", "DATE", "PAST_REF"},
};

static const char *const negatives[] = {
    "She finished second and fourth in the two races.",
    "He kept an interest in years of old coins.",
    "The current account deficit widened.",
    "Swimmers were caught in a strong current.",
    "Holders may buy shares at the then current price.",
    "The year-end bonus was paid.",
    "Analysts expect year-end results soon.",
    /* programme and film titles, the idiom "high noon" */
    "Baker said on ABC's \"This Week,\" that the request stands.",
    "He said so on CBS's ''60 Minutes.''",
    "The poster showed a still from \"High Noon.\"",
    "For the people of Poland, high noon has come.",
    "The party took a \xE2\x82\xAC" "9m loan from a bank.",
    "It was a \xC2\xA3" "7.8m loan.",
    "It received a $9.7 million loan.",
    "The base is 70km northwest of the capital.",
    "The score was 3-2 at the break.",
    "She may meet him soon.",
    "They staged a march on the capital.",
    "Protesters march through the city.",
    "March on the capital!",
    "May I ask a question?",
    "April Ryan asked a question.",
    "The Good Friday Agreement holds.",
    "Call +44 20 7946 2014 for details.",
    "Call 555-2014 for details.",
    "See https://example.com/2014/03/24/story.html for more.",
    "Mail info@example2014.org please.",
    "Read www.example.com/2014/03/24/story.html for more.",
    "WWW.EXAMPLE.COM/2014/03/24 has it.",
    "About 1500 people attended.",
    "It happened in 1500 cases.",
    "A payment of $2014 was made.",
    "He finished 3rd in the race.",
    "It was the 23rd attempt.",
    "He scored 2014 points.",
    "Version 2.0.2014 is out.",
    "It cost 2,014 euros.",
    "The ratio was 10.5 to one.",
    "A 24/7 service.",
    "Room 2014 is closed.",
    "The vote was 52.5% in favour.",
    "They won 2-1 away.",
    "February 29, 2017 never existed.",
    "He met the future president.",
    "They debated the future of Europe.",
    "This meeting was important.",
    "The last straw came.",
    "The next step is hard.",
    "The code 1234-5678-9012 is invalid.",
    "Flight 2014 landed.",
    "He scored in the first half.",
    "It won a quarter of the vote.",
    "Three-quarters of voters agreed.",
    "It ended on Feb. 29.",
    "The fall of the wall changed Europe.",
    "Prices fall sharply.",
    "They went to summer camp.",
    "A 6-year-old girl and a 45-year-old man were hurt.",
    "He is 52 years old.",
    "He said that he would go.",
    "The March on the capital began.",
    "That day will come.",
    "They bought a Christmas tree.",
    "The Easter Rising failed.",
    "He lives in New York.",
    "She won half the vote.",
    "Talks with May failed.",
    "April's husband said no.",
    "Its remaining 2000 workers left.",
    "Late night television is popular.",
    "Early morning raids killed five.",
    "The short term rates rose.",
    "He has a long-term plan.",
    "Future weekends are booked.",
    "The bill was attacked by May's critics.",
    "Ministers loyal to May said no.",
    "Support for May is growing.",
    "It was not the first but the last.",
    "Trading opens in the morning.",
    "After May said no, the talks ended.",
    "Call 1998-2014-2016 or 555-2014-2016.",
    "Riots broke out the day after the vote.",
    "He is 45 and lives here.",
    "",
    "The bar is in the French Quarter of the city.",
    "A quarter of the vote went to him.",
    "The period of mourning ended.",
    "Twenty twenty-dollar bills were found.",
    "Eleven twenty-somethings were hurt.",
    "Fifteen twenty people came.",
    "Two thousand people marched.",
    "The meeting starts at eleven thirty.",
    "A second bomb exploded.",
    "He won a second term.",
    "He said so on ABC's This Week program.",
    "He told USA Today that he would stay.",
    "This is VOA Today.",
    /* "today" and "tomorrow" said of an age, not a day */
    "The case is for today's youth what the war was for their parents.",
    "It is small by today's standards.",
    "He would choose the people of tomorrow, he said.",
    "This moment changed his life.",
    "The rates of the short term loans rose.",
    "He wants a later start.",
    "It was the worst flood of the year before.",
    "He wrote a history of the year of the flood.",
    "A long period of decline began.",
    "Three-quarters of the staff left.",
};

static civil_date parse_anchor(const char *s) {
  civil_date d = {0, 0, 0};
  if (s && *s) sscanf(s, "%d-%d-%d", &d.year, &d.month, &d.day);
  return d;
}

/* Every item lies inside the text, in order, without overlap, and holds a digit or a word of
 * time. */
static void check_spans(const char *text, size_t start, size_t end, const timex_list *l) {
  uint32_t prev = (uint32_t)start;
  for (size_t i = 0; i < l->count; i++) {
    const timex *x = &l->items[i];
    assert_true(x->start < x->end);
    assert_true(x->start >= prev);
    assert_true(x->end <= end);
    assert_true(x->value[0] != '\0');
    assert_true(strlen(x->value) < sizeof x->value);
    /* else doc_find_dates, which skips text without a digit or a word of time, would lose it
     * (an expression that leaves its unit to the words before it, "this year as last", needs
     * them to hold one) */
    if (!timex_text_may_anchor(text + x->start, x->end - x->start) &&
        !timex_text_may_anchor(text + start, x->start - start))
      fail_msg("'%.*s' = %s holds no digit and no word timex_word_may_anchor takes",
               (int)(x->end - x->start), text + x->start, x->value);
    prev = x->end;
  }
}

static bool may_anchor(const char *w) { return timex_word_may_anchor(w, strlen(w), lexicon_hash(w, strlen(w))); }

/* The words that let doc_find_dates read a stretch of text, and the common ones that do not
 * ("this", "last", "next", "New" only with a word after them that is taken: "last week", "New
 * Year"; check_spans finds any expression of the tables that holds no word taken). */
static void test_anchor_words(void **state) {
  (void)state;
  const char *yes[] = {"May", "Sept", "week", "Weeks", "today", "Friday", "fri", "morning",
                       "spring", "now", "recently", "daily", "noon", "Christmas", "Easter", "half",
                       "current", "past", "coming", "nineteen", "thousand", "moment", "period",
                       "term", "nineties", "GMT"};
  const char *no[] = {"may", "march", "the", "a", "one", "said", "was", "will", "that",
                      "earlier", "ago", "each", "first", "several", "minister", "bank", "this",
                      "last", "next", "previous", "new", "good"};
  for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
    if (!may_anchor(yes[i])) fail_msg("'%s' is not taken", yes[i]);
  for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
    if (may_anchor(no[i])) fail_msg("'%s' is taken", no[i]);
}

/* A lookup lending every word's id, as doc_find_dates does: the word at [START, END) of the
 * text in CTX looked up here. */
static long lend_every_word(void *ctx, uint32_t start, uint32_t end) {
  const char *text = ctx;
  uint32_t h;
  return lexicon_word_hash(text + start, end - start, &h);
}

/* A lookup that knows no word: timex looks each up itself. */
static long lend_no_word(void *ctx, uint32_t start, uint32_t end) {
  (void)ctx, (void)start, (void)end;
  return -2;
}

/* timex_find_known finds what timex_find finds, whether or not it is lent the words' ids. */
static void test_find_known(void **state) {
  (void)state;
  size_t nrows = sizeof rows / sizeof rows[0];
  for (size_t i = 0; i < nrows; i++) {
    const row *r = &rows[i];
    size_t n = strlen(r->text);
    timex_list plain, every, none;
    timex_list_init(&plain), timex_list_init(&every), timex_list_init(&none);
    timex_forget();
    timex_find(r->text, 0, n, parse_anchor(r->anchor), &plain);
    timex_forget();
    timex_find_known(r->text, 0, n, parse_anchor(r->anchor), lend_every_word, (void *)r->text,
                     &every);
    timex_forget();
    timex_find_known(r->text, 0, n, parse_anchor(r->anchor), lend_no_word, NULL, &none);
    assert_int_equal(plain.count, every.count);
    assert_int_equal(plain.count, none.count);
    for (size_t k = 0; k < plain.count; k++) {
      const timex *a = &plain.items[k], *others[] = {&every.items[k], &none.items[k]};
      for (size_t o = 0; o < 2; o++) {
        assert_int_equal(a->start, others[o]->start);
        assert_int_equal(a->end, others[o]->end);
        assert_int_equal(a->type, others[o]->type);
        assert_string_equal(a->value, others[o]->value);
        assert_int_equal(a->relative, others[o]->relative);
      }
    }
    timex_list_release(&plain), timex_list_release(&every), timex_list_release(&none);
  }
}

static int check_row(const row *r) {
  if (!r->expr[0]) return 0;
  const char *at = strstr(r->text, r->expr);
  if (!at) {
    fprintf(stderr, "bad row: '%s' not in '%s'\n", r->expr, r->text);
    return 1;
  }
  uint32_t s = (uint32_t)(at - r->text), e = s + (uint32_t)strlen(r->expr);
  timex_list l;
  timex_list_init(&l);
  size_t n = strlen(r->text);
  timex_find(r->text, 0, n, parse_anchor(r->anchor), &l);
  check_spans(r->text, 0, n, &l);
  int bad = 1;
  for (size_t i = 0; i < l.count; i++) {
    const timex *x = &l.items[i];
    if (x->start == s && x->end == e) {
      bad = strcmp(timex_type_name(x->type), r->type) != 0 || strcmp(x->value, r->value) != 0;
      if (bad)
        fprintf(stderr, "[%s] '%s': '%s' gives %s %s, want %s %s\n", r->anchor, r->text, r->expr,
                timex_type_name(x->type), x->value, r->type, r->value);
      /* the span really is the expression */
      if (memcmp(r->text + x->start, r->expr, e - s) != 0) bad = 1;
    }
  }
  if (bad && l.count == 0) fprintf(stderr, "[%s] '%s': nothing found, want '%s'\n", r->anchor, r->text, r->expr);
  else if (bad) {
    int found = 0;
    for (size_t i = 0; i < l.count; i++)
      if (l.items[i].start == s && l.items[i].end == e) found = 1;
    if (!found) {
      fprintf(stderr, "[%s] '%s': want '%s', found:", r->anchor, r->text, r->expr);
      for (size_t i = 0; i < l.count; i++)
        fprintf(stderr, " '%.*s'=%s", (int)(l.items[i].end - l.items[i].start),
                r->text + l.items[i].start, l.items[i].value);
      fprintf(stderr, "\n");
    }
  }
  timex_list_release(&l);
  return bad;
}

static void test_table(void **state) {
  (void)state;
  size_t nrows = sizeof rows / sizeof rows[0], failed = 0, checked = 0;
  for (size_t i = 0; i < nrows; i++) {
    if (!rows[i].expr[0]) continue;
    checked++;
    failed += (size_t)check_row(&rows[i]);
  }
  fprintf(stderr, "timex table: %zu rows, %zu failed\n", checked, failed);
  assert_true(checked >= 250);
  assert_int_equal(failed, 0);
}

static void test_negatives(void **state) {
  (void)state;
  size_t failed = 0;
  for (size_t i = 0; i < sizeof negatives / sizeof negatives[0]; i++) {
    const char *t = negatives[i];
    timex_list l;
    timex_list_init(&l);
    timex_find(t, 0, strlen(t), parse_anchor(A), &l);
    if (l.count) {
      failed++;
      fprintf(stderr, "negative '%s' gave:", t);
      for (size_t k = 0; k < l.count; k++)
        fprintf(stderr, " '%.*s'=%s", (int)(l.items[k].end - l.items[k].start), t + l.items[k].start,
                l.items[k].value);
      fprintf(stderr, "\n");
    }
    timex_list_release(&l);
  }
  assert_int_equal(failed, 0);
}

/* ---- the sample story ---- */

typedef struct expect {
  const char *expr;
  const char *value;
} expect;

typedef struct sample {
  const char *file;
  expect want[12];
  const char *forbidden[6]; /* strings no date may touch */
} sample;

static const sample samples[] = {
    {"000_303344584d7a5557.txt",
     {{"March 24", "2017-03-24"},
      {"Friday", "2017-03-24"},
      {"a few days ago", "PAST_REF"},
      {"yesterday", "2017-03-23"},
      {"now", "PRESENT_REF"}},
     {"presidential elections", "Moscow"}},
    {"001_c72d90de312325f2.txt",
     {{"24/03/2017", "2017-03-24"}, {"Today", "2017-03-24"}, {"this morning", "2017-03-24TMO"}},
     {"70km", "Six Russian", "6 servicemen"}},
    {"002_ce2f0cb3a3fa869e.txt", {{"a few days ago", "PAST_REF"}}, {"433342"}},
    {"003_e0604385e9ef26b6.txt",
     {{"Friday", "2017-03-24"},
      {"one month", "P1M"},
      {"last year", "2016"},
      {"April 23, 2017", "2017-04-23"},
      {"May 7, 2017", "2017-05-07"},
      {"2014", "2014"},
      {"earlier this year", "2017"},
      {"past years", "PXY"}},
     {"\xE2\x82\xAC" "9m", "\xC2\xA3" "7.8m"}},
    {"004_8a99dc9768b5a07c.txt",
     {{"Friday", "2017-03-24"},
      {"Last year", "2016"},
      {"March 23", "2017-03-23"},
      {"2011", "2011"},
      {"In 2014", NULL}, /* the span is the year alone */
      {"2014", "2014"},
      {"his 2014", NULL},
      {"Thursday", "2017-03-23"}},
     {"$9.7 million"}},
};

static char *read_sample(const char *name, size_t *len) {
  const char *root = getenv("STORYLINE_SOURCE_DIR");
  char path[4096];
  snprintf(path, sizeof path, "%s/samples/putin-lepen/%s", root ? root : ".", name);
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot read %s (set STORYLINE_SOURCE_DIR to the source root)\n", path);
    return NULL;
  }
  char *buf = malloc(1 << 20);
  size_t n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
  fclose(f);
  if (!buf) return NULL;
  buf[n] = '\0';
  *len = n;
  return buf;
}

static void test_samples(void **state) {
  (void)state;
  civil_date anchor = {2017, 3, 24};
  size_t failed = 0, checked = 0;
  for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++) {
    size_t len = 0;
    char *text = read_sample(samples[s].file, &len);
    assert_non_null(text);
    timex_list l;
    timex_list_init(&l);
    timex_find(text, 0, len, anchor, &l);
    check_spans(text, 0, len, &l);
    for (size_t k = 0; k < 12 && samples[s].want[k].expr; k++) {
      const expect *w = &samples[s].want[k];
      if (!w->value) continue;
      checked++;
      bool ok = false;
      for (size_t i = 0; i < l.count && !ok; i++) {
        const timex *x = &l.items[i];
        ok = x->end - x->start == strlen(w->expr) && !memcmp(text + x->start, w->expr, x->end - x->start) &&
             !strcmp(x->value, w->value);
      }
      if (!ok) {
        failed++;
        fprintf(stderr, "%s: no '%s' = %s\n", samples[s].file, w->expr, w->value);
      }
    }
    for (size_t k = 0; k < 6 && samples[s].forbidden[k]; k++) {
      const char *f = strstr(text, samples[s].forbidden[k]);
      assert_non_null(f);
      size_t fs = (size_t)(f - text), fe = fs + strlen(samples[s].forbidden[k]);
      for (size_t i = 0; i < l.count; i++)
        if (l.items[i].start < fe && l.items[i].end > fs) {
          failed++;
          fprintf(stderr, "%s: date '%.*s' inside '%s'\n", samples[s].file,
                  (int)(l.items[i].end - l.items[i].start), text + l.items[i].start,
                  samples[s].forbidden[k]);
        }
    }
    /* every date of the story is one of the expected ones: nothing else is found */
    for (size_t i = 0; i < l.count; i++) {
      bool known = false;
      for (size_t k = 0; k < 12 && samples[s].want[k].expr && !known; k++)
        known = l.items[i].end - l.items[i].start == strlen(samples[s].want[k].expr) &&
                !memcmp(text + l.items[i].start, samples[s].want[k].expr, strlen(samples[s].want[k].expr));
      if (!known) {
        failed++;
        fprintf(stderr, "%s: unexpected date '%.*s' = %s\n", samples[s].file,
                (int)(l.items[i].end - l.items[i].start), text + l.items[i].start, l.items[i].value);
      }
    }
    timex_list_release(&l);
    free(text);
  }
  fprintf(stderr, "samples: %zu expected dates checked, %zu problems\n", checked, failed);
  assert_int_equal(failed, 0);
}

/* A range inside a larger text: offsets index the whole text, nothing outside is read. */
static void test_subrange(void **state) {
  (void)state;
  const char *t = "Yesterday. The court met on Friday. Tomorrow.";
  size_t s = 11, e = 35;
  timex_list l;
  timex_list_init(&l);
  timex_find(t, s, e, parse_anchor(A), &l);
  assert_int_equal(l.count, 1);
  assert_int_equal(l.items[0].start, 28);
  assert_int_equal(l.items[0].end, 34);
  assert_string_equal(l.items[0].value, "2017-03-24");
  assert_true(l.items[0].relative);
  /* appending keeps what is there */
  timex_find(t, 0, 9, parse_anchor(A), &l);
  assert_int_equal(l.count, 2);
  assert_string_equal(l.items[1].value, "2017-03-23");
  timex_list_release(&l);
  assert_null(l.items);
  assert_int_equal(l.count, 0);
}

/* Sentence by sentence, "two days later" counts from the date just mentioned; after
 * timex_forget (a new text, which may lie at the same address) it counts from the anchor. */
static void test_forget(void **state) {
  (void)state;
  const char *t = "The meeting was on March 3. Two days later it ended.";
  const char *later = strstr(t, "Two");
  size_t cut = (size_t)(later - t), end = strlen(t);
  timex_list l;
  timex_list_init(&l);
  timex_find(t, 0, cut, parse_anchor(A), &l);
  timex_find(t, cut, end, parse_anchor(A), &l);
  assert_int_equal(l.count, 2);
  assert_string_equal(l.items[1].value, "2017-03-05");
  timex_find(t, 0, cut, parse_anchor(A), &l);
  timex_forget();
  timex_find(t, cut, end, parse_anchor(A), &l);
  assert_int_equal(l.count, 4);
  assert_string_equal(l.items[3].value, "2017-03-26");
  timex_list_release(&l);
}

/* The stretch a results story moves on to ("for the nine months") carries over from one
 * sentence to the next as the quarter does: "the year-earlier period" is that stretch. */
static void test_stretch_carries(void **state) {
  (void)state;
  const char *t = "Net rose in the third quarter. For the nine months, net rose. In the year-earlier "
                  "period, net fell.";
  const char *cut1 = strstr(t, "For"), *cut2 = strstr(t, "In the");
  timex_list l;
  timex_list_init(&l);
  timex_forget();
  timex_find(t, 0, (size_t)(cut1 - t), parse_anchor("1989-10-27"), &l);
  timex_find(t, (size_t)(cut1 - t), (size_t)(cut2 - t), parse_anchor("1989-10-27"), &l);
  timex_find(t, (size_t)(cut2 - t), strlen(t), parse_anchor("1989-10-27"), &l);
  assert_int_equal(l.count, 3);
  assert_string_equal(l.items[2].value, "P9M");
  assert_int_equal(l.items[2].type, TIMEX_DURATION);
  timex_forget();
  timex_list_release(&l);
}

static void test_relative_flag(void **state) {
  (void)state;
  const char *t = "On April 23, 2017 and on March 23 and yesterday.";
  timex_list l;
  timex_list_init(&l);
  timex_find(t, 0, strlen(t), parse_anchor(A), &l);
  assert_int_equal(l.count, 3);
  assert_false(l.items[0].relative);
  assert_true(l.items[1].relative);
  assert_true(l.items[2].relative);
  timex_list_release(&l);
}

/* Hostile input: empty, NUL bytes, invalid UTF-8, long runs; nothing may crash or hang. */
static void test_hostile(void **state) {
  (void)state;
  timex_list l;
  timex_list_init(&l);
  timex_find("", 0, 0, parse_anchor(A), &l);
  timex_find("abc", 2, 1, parse_anchor(A), &l);
  timex_find(NULL, 0, 10, parse_anchor(A), &l);
  assert_int_equal(l.count, 0);
  const char nul[] = "on Friday\0on Monday\0\0in 2014";
  timex_find(nul, 0, sizeof nul - 1, parse_anchor(A), &l);
  check_spans(nul, 0, sizeof nul - 1, &l);
  assert_int_equal(l.count, 3);
  timex_list_release(&l);
  const char bad[] = "\xE2\x80 March \xC3 23 \xF0\x9F\x98 \xE2 2014 \xFF\xFE yesterday \xC2";
  timex_find(bad, 0, sizeof bad - 1, parse_anchor(A), &l);
  check_spans(bad, 0, sizeof bad - 1, &l);
  timex_list_release(&l);
  /* big and repetitive */
  size_t n = 1 << 20;
  char *big = malloc(n + 1);
  assert_non_null(big);
  const char *pieces[] = {"1", "9", "-", "/", ".", " ", "March", "May", "Friday", "last", "week",
                          "a", "few", "days", "ago", "2014", "the", ":", "\xE2\x82\xAC", "\n", "'",
                          "s", "am", "p.m.", "GMT", "next", "day", "later", "\xC3\xA9", "3rd"};
  uint32_t seed = 12345;
  size_t p = 0;
  while (p < n) {
    seed = seed * 1103515245u + 12345u;
    const char *w = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
    size_t wl = strlen(w);
    if (p + wl > n) break;
    memcpy(big + p, w, wl);
    p += wl;
  }
  big[p] = '\0';
  timex_find(big, 0, p, parse_anchor(A), &l);
  check_spans(big, 0, p, &l);
  assert_true(l.count > 0);
  timex_list_release(&l);
  timex_find(big, 0, p, parse_anchor(""), &l);
  check_spans(big, 0, p, &l);
  timex_list_release(&l);
  memset(big, '9', n);
  timex_find(big, 0, n, parse_anchor(A), &l);
  assert_int_equal(l.count, 0);
  timex_list_release(&l);
  free(big);
  /* odd anchors: only a year, a month without a day, an impossible date */
  civil_date odd[] = {{2017, 0, 0}, {2017, 3, 0}, {2017, 2, 30}, {-5, 1, 1}, {99999, 1, 1}};
  const char *t = "yesterday, last week, last month, last year, on Friday, March 23, in May";
  for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
    timex_find(t, 0, strlen(t), odd[i], &l);
    check_spans(t, 0, strlen(t), &l);
    timex_list_release(&l);
  }
}

/* A text longer than the recognizer's working piece: every date is still found, once, with
 * its right offsets. */
static void test_long_text(void **state) {
  (void)state;
  const char *date = "on March 3, 2016 ";
  size_t n = (size_t)3 << 20, dl = strlen(date), every = 9973, placed = 0;
  char *t = malloc(n + 1);
  assert_non_null(t);
  for (size_t p = 0; p < n; p++) t[p] = (p % 7 == 6) ? ((p % 1000 == 6) ? '\n' : ' ') : 'x';
  for (size_t p = 100; p + dl + 1 < n; p += every) {
    t[p - 1] = ' ';
    memcpy(t + p, date, dl);
    placed++;
  }
  t[n] = '\0';
  timex_list l;
  timex_list_init(&l);
  timex_find(t, 0, n, parse_anchor(A), &l);
  check_spans(t, 0, n, &l);
  assert_int_equal(l.count, placed);
  for (size_t i = 0; i < l.count; i++) {
    assert_int_equal(l.items[i].end - l.items[i].start, 13);
    assert_memory_equal(t + l.items[i].start, "March 3, 2016", 13);
    assert_string_equal(l.items[i].value, "2016-03-03");
  }
  timex_list_release(&l);
  free(t);
}

/* The value of the last expression in TEXT, found with a results-story anchor. */
static void last_value(const char *text, char *out, size_t cap) {
  timex_list l;
  timex_list_init(&l);
  timex_find(text, 0, strlen(text), parse_anchor("1989-10-26"), &l);
  check_spans(text, 0, strlen(text), &l);
  assert_true(l.count > 0);
  snprintf(out, cap, "%s", l.items[l.count - 1].value);
  timex_list_release(&l);
}

/* A results story keeps its quarter in view while it names that quarter again ("the latest
 * quarter"); a year back is then that quarter a year back, however long the story. Far from any
 * mention of it, "a year earlier" is a year again. */
static void test_quarter_reach(void **state) {
  (void)state;
  const char *filler = "The company makes chemicals and fibers in many plants. ";
  char text[8192], value[48];
  for (int renamed = 0; renamed <= 1; renamed++) {
    /* the second quarter, not the last to have ended before the anchor (the third), which a
     * results story would be taken to be about if it lost sight of the one it named */
    size_t n = (size_t)snprintf(text, sizeof text, "Second-quarter profit grew. ");
    for (int k = 0; k < 60; k++) {
      if (renamed && k % 15 == 14)
        n += (size_t)snprintf(text + n, sizeof text - n, "Sales rose in the latest quarter. ");
      n += (size_t)snprintf(text + n, sizeof text - n, "%s", filler);
    }
    snprintf(text + n, sizeof text - n, "Profit rose from $9 million a year earlier.");
    last_value(text, value, sizeof value);
    assert_string_equal(value, renamed ? "1988-Q2" : "1988");
  }
}

static void test_odd_anchor_values(void **state) {
  (void)state;
  timex_list l;
  timex_list_init(&l);
  const char *t = "Prices fell last year and last month and yesterday.";
  timex_find(t, 0, strlen(t), (civil_date){2017, 0, 0}, &l);
  assert_int_equal(l.count, 3);
  assert_string_equal(l.items[0].value, "2016");
  assert_string_equal(l.items[1].value, "XXXX-XX");
  assert_string_equal(l.items[2].value, "XXXX-XX-XX");
  timex_list_release(&l);
  timex_find(t, 0, strlen(t), (civil_date){2017, 3, 0}, &l);
  assert_int_equal(l.count, 3);
  assert_string_equal(l.items[1].value, "2017-02");
  assert_string_equal(l.items[2].value, "XXXX-XX-XX");
  timex_list_release(&l);
}

static void test_value_to_date(void **state) {
  (void)state;
  civil_date d;
  assert_true(timex_value_to_date("2017-03-24", &d));
  assert_int_equal(d.year, 2017);
  assert_int_equal(d.month, 3);
  assert_int_equal(d.day, 24);
  assert_true(timex_value_to_date("2017-03", &d));
  assert_int_equal(d.month, 3);
  assert_int_equal(d.day, 0);
  assert_true(timex_value_to_date("2017", &d));
  assert_int_equal(d.year, 2017);
  assert_int_equal(d.month, 0);
  assert_true(timex_value_to_date("2017-03-24TMO", &d));
  assert_int_equal(d.day, 24);
  assert_true(timex_value_to_date("2017-03-24T09:30", &d));
  /* a week inside one month names the month; one across two months only its year */
  assert_true(timex_value_to_date("2017-W12", &d));
  assert_int_equal(d.year, 2017);
  assert_int_equal(d.month, 3);
  assert_int_equal(d.day, 0);
  assert_true(timex_value_to_date("2017-W13", &d)); /* 27 March to 2 April */
  assert_int_equal(d.year, 2017);
  assert_int_equal(d.month, 0);
  assert_true(timex_value_to_date("2017-W13-WE", &d)); /* 1 and 2 April */
  assert_int_equal(d.month, 4);
  assert_true(timex_value_to_date("2015-W01", &d)); /* 29 December 2014 to 4 January */
  assert_int_equal(d.year, 2015);
  assert_int_equal(d.month, 0);
  assert_true(timex_value_to_date("2017-W60", &d)); /* no such week: the year */
  assert_int_equal(d.month, 0);
  assert_true(timex_value_to_date("2017-Q1", &d));
  assert_true(timex_value_to_date("2017-SU", &d));
  assert_true(timex_value_to_date("2016-02-29", &d));
  assert_false(timex_value_to_date("2017-02-29", &d));
  assert_false(timex_value_to_date("2017-13", &d));
  assert_false(timex_value_to_date("XXXX-03-24", &d));
  assert_false(timex_value_to_date("XXXX-WXX-5", &d));
  assert_false(timex_value_to_date("2017-WXX", &d));
  assert_false(timex_value_to_date("199X", &d));
  assert_false(timex_value_to_date("199", &d));
  assert_false(timex_value_to_date("19", &d));
  assert_false(timex_value_to_date("P3D", &d));
  assert_false(timex_value_to_date("PAST_REF", &d));
  assert_false(timex_value_to_date("PRESENT_REF", &d));
  assert_false(timex_value_to_date("", &d));
  assert_false(timex_value_to_date("20", &d));
  assert_false(timex_value_to_date("2017-3-24", &d));
  assert_false(timex_value_to_date("2017-03-24x", &d));
  assert_false(timex_value_to_date(NULL, &d));
}

static void test_type_names(void **state) {
  (void)state;
  assert_string_equal(timex_type_name(TIMEX_DATE), "DATE");
  assert_string_equal(timex_type_name(TIMEX_TIME), "TIME");
  assert_string_equal(timex_type_name(TIMEX_DURATION), "DURATION");
  assert_string_equal(timex_type_name(TIMEX_SET), "SET");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),        cmocka_unit_test(test_negatives),
      cmocka_unit_test(test_samples),      cmocka_unit_test(test_subrange),
      cmocka_unit_test(test_relative_flag), cmocka_unit_test(test_hostile),
      cmocka_unit_test(test_odd_anchor_values), cmocka_unit_test(test_value_to_date),
      cmocka_unit_test(test_long_text),
      cmocka_unit_test(test_type_names),   cmocka_unit_test(test_forget),
      cmocka_unit_test(test_anchor_words), cmocka_unit_test(test_quarter_reach),
      cmocka_unit_test(test_find_known),
      cmocka_unit_test(test_stretch_carries),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
