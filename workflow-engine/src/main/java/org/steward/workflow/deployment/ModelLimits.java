package org.steward.workflow.deployment;

import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * How large and how deeply nested a model file may be: checked before anything reads the whole file, since the
 * readers (ours and the engine's) hold a file in memory and walk it by recursion.
 */
@Component
class ModelLimits {

    private final DataSize maxSize;
    private final int maxDepth;

    ModelLimits(ModelSettings settings) {
        this.maxSize = settings.models().maxSize();
        this.maxDepth = settings.models().maxDepth();
    }

    /** What is wrong with the file's size or nesting, in plain words; null when nothing is. */
    String problem(byte[] file) {
        if (file.length > maxSize.toBytes()) {
            return "is " + megabytes(file.length) + ", over the " + megabytes(maxSize.toBytes()) + " a model may"
                    + " have (steward.models.max-size). A process model is rarely over 1 MB: look for pasted"
                    + " images or documents in it.";
        }
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(file));
            int depth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT && ++depth > maxDepth) {
                    return "nests its elements more than " + maxDepth + " deep (steward.models.max-depth); a model"
                            + " from the Modeler nests fewer than 20.";
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            reader.close();
        } catch (XMLStreamException notXml) {
            return null; // reading it whole says what is wrong, with line and column
        }
        return null;
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }
}
