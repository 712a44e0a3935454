-- An acknowledgement may set a review date: from that day the alert is due again.
ALTER TABLE "Alert" ADD COLUMN     "reviewDate" DATE;
