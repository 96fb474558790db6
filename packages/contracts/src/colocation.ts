/** Contracts of co-location requests and notifications (issue #10). */
export {};
