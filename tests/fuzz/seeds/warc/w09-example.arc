filedesc://seed.arc 0.0.0.0 20140216050221 text/plain 65
1 0 Seed
URL IP-address Archive-date Content-type Archive-length

http://example.com/ 192.0.2.1 20140216050221 text/html 121
HTTP/1.1 200 OK
Content-Type: text/html

<html><head><title>Test</title></head><body><p>A test page.</p></body></html>
