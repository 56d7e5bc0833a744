import Testing

@Test func placeholderDifyAPITests() {}
